"use client";

import { useTranslations } from "next-intl";

type Fence = { enabled: boolean; radiusM: number; maxAccuracyM: number };
export type SharedDoor = {
  lockId: number;
  name: string;
  others: { id: string; name: string; fence: Fence }[];
  effective: Fence | null;
};

/**
 * Doors this studio shares with other studios of the organization that fence them otherwise.
 * A tap must satisfy every studio's fence on the door, so the page says which one guests really
 * meet (the server computes it with the unlock's own rule).
 */
export function SharedDoorsWarning({ doors }: { doors: SharedDoor[] | undefined }) {
  const t = useTranslations("Hardening.sharedDoors");
  if (!doors || doors.length === 0) return null;
  const fenceText = (f: Fence | null) =>
    f && f.enabled ? t("fence", { radius: f.radiusM, accuracy: f.maxAccuracyM }) : t("noFence");
  return (
    <section
      aria-labelledby="shared-doors-heading"
      data-testid="shared-doors-warning"
      className="space-y-3 rounded-lg border border-amber-700/40 bg-amber-50 p-4 text-amber-950"
    >
      <h3 id="shared-doors-heading" className="font-semibold">
        {t("heading")}
      </h3>
      <p className="text-sm">{t("intro")}</p>
      <ul className="space-y-2">
        {doors.map((door) => (
          <li key={door.lockId} className="rounded-md bg-white/70 p-3 text-sm">
            <p className="font-medium">{door.name}</p>
            <p>
              {t("alsoOpenedBy", {
                studios: door.others.map((o) => `${o.name} (${fenceText(o.fence)})`).join(", "),
              })}
            </p>
            <p className="font-medium">{t("effective", { fence: fenceText(door.effective) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
