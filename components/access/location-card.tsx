"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { distanceMeters } from "@/lib/geo/distance";
import type { AccessView } from "@/lib/access/view";
import { Icon } from "./icons";
import type { GeoFix, GeoStatus } from "./use-geolocation";

type Props = {
  geofence: AccessView["geofence"];
  status: GeoStatus;
  fix: GeoFix | null;
  directionsUrl: string | null;
  onRetry: () => void;
};

type Platform = "ios" | "android" | "other";

/** The guest's platform, for help they can follow (read after hydration; "other" on the server). */
function usePlatform(): Platform {
  return useSyncExternalStore(
    () => () => undefined,
    () => {
      const ua = navigator.userAgent;
      if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1))
        return "ios";
      return /Android/.test(ua) ? "android" : "other";
    },
    () => "other",
  );
}

/**
 * One compact line about the location, above the doors: what the first tap will ask for (one
 * sentence, never a prompt on load), then "✓ You're at the studio, 22 m" or how far away the
 * guest is and what to do. When the phone refuses, help for this phone's platform, with the
 * other platform folded away.
 */
export function LocationCard({ geofence, status, fix, directionsUrl, onRetry }: Props) {
  const t = useTranslations("AccessPage.location");
  const format = useFormatter();
  const platform = usePlatform();
  const metres = (m: number) =>
    m >= 1000
      ? format.number(m / 1000, { style: "unit", unit: "kilometer", maximumFractionDigits: 1 })
      : format.number(Math.round(m), { style: "unit", unit: "meter" });

  const distance = fix && geofence.center ? distanceMeters(fix, geofence.center) : null;
  const imprecise = fix !== null && fix.accuracy > geofence.maxAccuracyM;
  const inside = distance !== null && !imprecise && distance <= geofence.radiusM;

  const help = (ios: string, android: string) => {
    const mine = platform === "android" ? android : ios;
    const other = platform === "android" ? ios : android;
    return (
      <>
        <p>{platform === "other" ? ios : mine}</p>
        <details className="mt-1">
          <summary className="focus-ring cursor-pointer font-semibold underline underline-offset-4">
            {t("otherPhones")}
          </summary>
          <p className="mt-1">{platform === "other" ? android : other}</p>
        </details>
      </>
    );
  };

  let body: React.ReactNode;
  let tone: "neutral" | "good" | "warn" | "error" = "neutral";
  if (status === "denied") {
    tone = "error";
    body = (
      <>
        <p className="font-semibold">{t("deniedTitle")}</p>
        {help(t("deniedIos"), t("deniedAndroid"))}
      </>
    );
  } else if (status === "timeout") {
    tone = "warn";
    body = <p>{t("timeout")}</p>;
  } else if (status === "unavailable") {
    tone = "error";
    body = <p>{t("unavailable")}</p>;
  } else if (fix && imprecise) {
    tone = "warn";
    body = (
      <>
        <p className="font-semibold">
          {t("imprecise", { accuracy: metres(fix.accuracy), max: metres(geofence.maxAccuracyM) })}
        </p>
        {help(t("approximateIos"), t("approximateAndroid"))}
      </>
    );
  } else if (inside && distance !== null) {
    tone = "good";
    body = <p className="font-semibold">{t("inside", { distance: metres(distance) })}</p>;
  } else if (distance !== null) {
    tone = "warn";
    body = (
      <p>
        <span className="font-semibold">{t("outside", { distance: metres(distance) })}</span>{" "}
        {t("outsideHint", { radius: metres(geofence.radiusM) })}
      </p>
    );
  } else if (status === "locating") {
    body = <p>{t("locating")}</p>;
  } else {
    body = <p>{t("explain")}</p>;
  }

  const tones = {
    neutral: "border-ink/20 bg-ink/[0.03]",
    good: "border-(--state-opened-border) bg-(--state-opened-soft)",
    warn: "border-(--state-busy-border) bg-(--state-busy-soft)",
    error: "border-(--state-failed-border) bg-(--state-failed-soft)",
  };
  const icon = tone === "good" ? "check" : tone === "neutral" ? "pin" : "alert";
  return (
    <section
      aria-label={t("label")}
      data-testid="location-card"
      data-tone={tone}
      className={`flex gap-3 rounded-2xl border-2 px-4 py-3 ${tones[tone]}`}
    >
      <Icon name={status === "locating" && !fix ? "spinner" : icon} className="mt-0.5 size-5" />
      <div aria-live="polite" className="min-w-0 flex-1 space-y-1">
        {body}
        {(status === "denied" || status === "timeout") && (
          <button
            type="button"
            onClick={onRetry}
            className="focus-ring mt-2 min-h-11 rounded-xl border-2 border-ink px-4 font-semibold"
          >
            {t("retry")}
          </button>
        )}
        {tone === "warn" && distance !== null && !imprecise && directionsUrl && (
          <a
            href={directionsUrl}
            target="_blank"
            rel="noreferrer noopener"
            className="focus-ring mt-1 inline-flex min-h-11 items-center gap-2 font-semibold underline underline-offset-4"
          >
            <Icon name="map" className="size-5" />
            {t("directions")}
          </a>
        )}
      </div>
    </section>
  );
}
