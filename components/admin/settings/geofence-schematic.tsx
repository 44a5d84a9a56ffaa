"use client";

import { useTranslations } from "next-intl";

/**
 * A to-scale sketch of the fence (no map tiles are reachable offline): the radius around the
 * centre, and the largest accuracy circle a guest's position may have, drawn at the fence's
 * edge so an admin sees how much an imprecise fix may overlap it.
 */
export function GeofenceSchematic({
  radiusM,
  maxAccuracyM,
  enabled,
}: {
  radiusM: number;
  maxAccuracyM: number;
  enabled: boolean;
}) {
  const t = useTranslations("SettingsPage.geofence");
  const size = 200;
  const c = size / 2;
  const valid = radiusM > 0 && maxAccuracyM > 0;
  const span = valid ? radiusM + maxAccuracyM : 1;
  const scale = (c - 8) / span;
  const r = valid ? radiusM * scale : 0;
  const a = valid ? maxAccuracyM * scale : 0;
  const description = valid
    ? t("schematicDescription", { radius: radiusM, accuracy: maxAccuracyM })
    : t("schematicInvalid");
  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        role="img"
        aria-label={description}
        className="h-48 w-48 rounded-xl border border-ink/15 bg-white"
      >
        {valid && (
          <>
            <circle
              cx={c - a / 2}
              cy={c}
              r={r}
              className={enabled ? "fill-brand/15 stroke-brand" : "fill-ink/5 stroke-ink-muted"}
              strokeWidth={2}
            />
            <circle cx={c - a / 2} cy={c} r={3} className="fill-ink" />
            <circle
              cx={c - a / 2 + r}
              cy={c}
              r={a}
              className="fill-none stroke-ink"
              strokeWidth={1.5}
              strokeDasharray="4 3"
            />
          </>
        )}
      </svg>
      <figcaption className="text-sm text-ink-muted">{description}</figcaption>
    </figure>
  );
}
