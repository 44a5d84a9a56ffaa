"use client";

import { useFormatter, useTranslations } from "next-intl";
import { distanceMeters } from "@/lib/geo/distance";
import type { AccessView } from "@/lib/access/view";
import type { GeoFix, GeoStatus } from "./use-geolocation";

type Props = {
  studioName: string;
  geofence: AccessView["geofence"];
  status: GeoStatus;
  fix: GeoFix | null;
  onShare: () => void;
};

/**
 * Explains why the page wants the location before the browser asks (never on load), then shows
 * distance and accuracy, or concrete help when the phone says no or is imprecise.
 */
export function LocationCard({ studioName, geofence, status, fix, onShare }: Props) {
  const t = useTranslations("AccessPage");
  const format = useFormatter();
  const metres = (m: number) =>
    format.number(Math.round(m), { style: "unit", unit: "meter", unitDisplay: "short" });

  const distance = fix && geofence.center ? distanceMeters(fix, geofence.center) : null;
  const imprecise = fix !== null && fix.accuracy > geofence.maxAccuracyM;

  return (
    <section aria-labelledby="location-heading" className="rounded-2xl border border-ink/15 p-4">
      <h2 id="location-heading" className="text-lg font-semibold">
        {t("geofence.explainTitle")}
      </h2>
      {(status === "idle" || status === "locating") && (
        <>
          <p className="mt-2 text-ink-muted">{t("geofence.explainBody", { studio: studioName })}</p>
          <button
            type="button"
            onClick={onShare}
            disabled={status === "locating"}
            className="mt-4 min-h-12 w-full rounded-xl bg-brand px-4 text-lg font-semibold text-brand-contrast disabled:opacity-70"
          >
            {status === "locating" ? t("geofence.locating") : t("geofence.share")}
          </button>
        </>
      )}
      <div aria-live="polite" className="mt-2 space-y-2">
        {status === "ready" && fix && distance !== null && !imprecise && (
          <p>
            {distance > geofence.radiusM
              ? t("geofence.tooFar", {
                  distance: metres(distance),
                  radius: metres(geofence.radiusM),
                })
              : t("geofence.distance", {
                  distance: metres(distance),
                  accuracy: metres(fix.accuracy),
                })}
          </p>
        )}
        {status === "ready" && imprecise && fix && (
          <>
            <p className="font-semibold">
              {t("geofence.approximateTitle", {
                accuracy: metres(fix.accuracy),
                max: metres(geofence.maxAccuracyM),
              })}
            </p>
            <p>{t("geofence.approximateIos")}</p>
            <p>{t("geofence.approximateAndroid")}</p>
          </>
        )}
        {status === "denied" && (
          <>
            <p className="font-semibold">{t("geofence.deniedTitle")}</p>
            <p>{t("geofence.deniedIos")}</p>
            <p>{t("geofence.deniedAndroid")}</p>
          </>
        )}
        {status === "timeout" && <p>{t("geofence.timeout")}</p>}
        {status === "unavailable" && <p>{t("geofence.unavailable")}</p>}
      </div>
      {(status === "denied" || status === "timeout") && (
        <button
          type="button"
          onClick={onShare}
          className="mt-3 min-h-12 rounded-xl border-2 border-brand-text px-4 font-semibold text-brand-text"
        >
          {t("retry")}
        </button>
      )}
    </section>
  );
}
