"use client";

import { useTranslations } from "next-intl";
import type { AccessView } from "@/lib/access/view";

export type DoorPhase = "idle" | "opening" | "opened" | "failed";

type Props = {
  door: AccessView["doors"][number];
  phase: DoorPhase;
  message?: string;
  disabled: boolean;
  onOpen: () => void;
};

/**
 * One door as a large button whose accessible name is the door's name; its state (offline,
 * opening, open, why it failed) is its description, so a screen reader hears both.
 */
export function DoorButton({ door, phase, message, disabled, onOpen }: Props) {
  const t = useTranslations("AccessPage.door");
  const unavailable = door.online === false || door.lockedDown;
  const status =
    phase === "opening"
      ? t("opening")
      : phase === "opened"
        ? t("opened")
        : phase === "failed" && message
          ? message
          : door.lockedDown
            ? t("lockedDown")
            : door.online === false
              ? t("offline")
              : t("ready");
  const statusId = `door-${door.id}-status`;
  return (
    <button
      type="button"
      onClick={onOpen}
      disabled={disabled || unavailable || phase === "opening"}
      aria-describedby={statusId}
      className={`flex min-h-20 w-full flex-col items-start justify-center rounded-2xl px-5 py-3 text-left transition-colors disabled:cursor-not-allowed ${
        phase === "opened"
          ? "bg-accent text-accent-contrast"
          : unavailable
            ? "bg-ink/10 text-ink"
            : "bg-brand text-brand-contrast disabled:opacity-60"
      }`}
    >
      <span className="text-xl font-semibold">{door.name}</span>
      <span id={statusId} className="text-base">
        {status}
      </span>
    </button>
  );
}
