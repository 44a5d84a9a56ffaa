"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ERROR_CODES } from "@/lib/api/error-codes";
import type { AccessDoor } from "@/lib/access/view";
import { formatDurationShort } from "@/lib/time/guest-dates";
import { isTappable, type Availability } from "./door-availability";
import { Icon, type IconName } from "./icons";
import type { DoorPhase } from "./use-door-unlock";

type Props = {
  door: AccessDoor;
  phase: DoorPhase;
  availability: Availability;
  now: number;
  onOpen: () => void;
};

/** What the door shows: a tap in progress wins over what the page knows about the door. */
type Look = "ready" | "working" | "opened" | "failed" | "busy" | "uncertain" | "unavailable";

/**
 * One door as a large button. Its accessible name is the door's name; its state — in words,
 * with an icon and a colour that is Latchkey's, not the brand's — is the button's description,
 * so sighted guests, screen readers and colour-blind guests all get the same answer to "did it
 * open?". `data-state` exposes the state to tests.
 */
export function DoorButton({ door, phase, availability, now, onOpen }: Props) {
  const t = useTranslations("AccessPage.door");
  const tErrors = useTranslations("Errors");
  const format = useFormatter();
  const locale = useLocale();
  const metres = (m: number) =>
    m >= 1000
      ? format.number(m / 1000, { style: "unit", unit: "kilometer", maximumFractionDigits: 1 })
      : format.number(Math.round(m), { style: "unit", unit: "meter" });

  const working = phase.phase === "locating" || phase.phase === "opening";
  const look: Look = working
    ? "working"
    : phase.phase === "opened"
      ? "opened"
      : phase.phase === "failed"
        ? "failed"
        : phase.phase === "busy" || phase.phase === "queued"
          ? "busy"
          : phase.phase === "uncertain"
            ? "uncertain"
            : isTappable(availability)
              ? "ready"
              : "unavailable";

  let icon: IconName = "door";
  let status: string;
  let hint: string | null = null;
  switch (look) {
    case "working":
      icon = "spinner";
      status = phase.phase === "locating" ? t("locating") : t("opening");
      break;
    case "opened":
      icon = "check";
      status = t("opened");
      break;
    case "busy":
      icon = "spinner";
      status =
        phase.phase === "queued"
          ? t("queued", { ahead: phase.position - 1, seconds: Math.max(1, phase.etaSeconds) })
          : t("busy");
      break;
    case "uncertain":
      icon = "alert";
      status = t("uncertain");
      hint = t("tryAgain");
      break;
    case "failed":
      icon = "x";
      status =
        phase.phase === "failed" ? tErrors(ERROR_CODES[phase.code].message) : t("failedGeneric");
      hint = t("tryAgain");
      break;
    case "ready":
      status = availability.kind === "needs_location" ? t("readyShare") : t("ready");
      break;
    default:
      ({ icon, status } = unavailableText(availability));
  }

  function unavailableText(a: Availability): { icon: IconName; status: string } {
    switch (a.kind) {
      case "locating":
        return { icon: "spinner", status: t("locating") };
      case "too_far":
        return { icon: "pin", status: t("tooFar", { distance: metres(a.distanceM) }) };
      case "imprecise":
        return { icon: "pin", status: t("imprecise", { accuracy: metres(a.accuracyM) }) };
      case "location_blocked":
        return { icon: "pin", status: t("locationBlocked") };
      case "location_unavailable":
        return { icon: "pin", status: t("locationUnavailable") };
      case "unconfigured":
        return { icon: "alert", status: t("unconfigured") };
      case "phone_offline":
        return { icon: "wifi-off", status: t("phoneOffline") };
      case "door_offline":
        return { icon: "wifi-off", status: t("doorOffline") };
      case "locked_down":
        return { icon: "lock", status: t("lockedDown") };
      case "system_unreachable":
        return { icon: "alert", status: t("systemUnreachable") };
      case "no_visits_left":
        return { icon: "lock", status: t("noVisitsLeft") };
      case "first_use_expired":
        return { icon: "clock", status: t("firstUseExpired") };
      case "not_yet":
        return {
          icon: "clock",
          status: t("opensIn", { time: formatDurationShort(a.startsAt - now, locale) }),
        };
      default:
        return { icon: "door", status: t("ready") };
    }
  }

  const colours: Record<Look, string> = {
    ready: "border-brand bg-brand text-brand-contrast",
    working: "border-brand bg-brand text-brand-contrast",
    opened: "border-(--state-opened-border) bg-(--state-opened-fill) text-(--state-opened-text)",
    failed: "border-(--state-failed-border) bg-(--state-failed-fill) text-(--state-failed-text)",
    busy: "border-(--state-busy-border) bg-(--state-busy-fill) text-(--state-busy-text)",
    uncertain: "border-(--state-busy-border) bg-(--state-busy-fill) text-(--state-busy-text)",
    unavailable:
      "border-(--state-unavailable-border) bg-(--state-unavailable-fill) text-(--state-unavailable-text)",
  };
  const tappable = look === "ready" || look === "failed" || look === "uncertain";
  const statusId = `door-${door.id}-status`;
  return (
    <button
      type="button"
      onClick={onOpen}
      disabled={!tappable}
      aria-describedby={statusId}
      data-state={look}
      data-reason={look === "unavailable" ? availability.kind : undefined}
      className={`focus-ring flex min-h-20 w-full items-center gap-4 rounded-2xl border-2 px-4 py-3 text-left disabled:cursor-not-allowed ${colours[look]}`}
    >
      <span className="flex size-11 shrink-0 items-center justify-center rounded-full bg-current/15">
        <Icon name={icon} className="size-6" />
      </span>
      <span className="flex min-w-0 flex-col">
        <span className="text-xl leading-tight font-semibold">{door.name}</span>
        <span id={statusId} className="text-base leading-snug font-medium">
          {status}
          {hint && (
            <span className="mt-0.5 flex items-center gap-1.5 font-semibold">
              <Icon name="refresh" className="size-4" />
              {hint}
            </span>
          )}
        </span>
      </span>
    </button>
  );
}
