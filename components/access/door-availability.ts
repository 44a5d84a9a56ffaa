import type { AccessDoor, AccessView } from "@/lib/access/view";
import { decideGeofence } from "@/lib/geo/geofence";
import type { GeoFix, GeoStatus } from "./use-geolocation";

/**
 * Why a door can or cannot be tapped right now, decided in the browser from what the page
 * knows (the phone's connection, the door's state, the location). Shown on the door before any
 * tap, so a guest never presses "Tap to open" on a door that cannot work. The server still
 * decides every unlock; this mirrors its geofence rule (the same `decideGeofence`).
 */
export type Availability =
  | { kind: "ready" }
  /** A geofenced door before the location is known: the tap asks for it, then opens. */
  | { kind: "needs_location" }
  | { kind: "locating" }
  | { kind: "too_far"; distanceM: number }
  | { kind: "imprecise"; accuracyM: number }
  | { kind: "location_blocked" }
  | { kind: "location_unavailable" }
  | { kind: "unconfigured" }
  | { kind: "phone_offline" }
  | { kind: "door_offline" }
  | { kind: "locked_down" }
  | { kind: "system_unreachable" }
  | { kind: "not_yet"; startsAt: number }
  /** The link's rules refuse every tap for good: its visits are used, or its validity ran out. */
  | { kind: "no_visits_left" }
  | { kind: "first_use_expired" };

/** The kinds a tap can act on: ready doors, and geofenced ones whose tap shares the location. */
export function isTappable(a: Availability): boolean {
  return a.kind === "ready" || a.kind === "needs_location";
}

export function doorAvailability(input: {
  door: AccessDoor;
  online: boolean;
  systemReachable: boolean;
  startsAt: number | null;
  /** A rule that refuses every tap now and later (not opening hours: those count down). */
  ruleRefused?: "no_visits_left" | "first_use_expired" | null;
  now: number;
  geo: { status: GeoStatus; fix: GeoFix | null };
  maxAgeS: number;
}): Availability {
  const { door, geo } = input;
  if (!input.online) return { kind: "phone_offline" };
  if (!input.systemReachable) return { kind: "system_unreachable" };
  if (input.startsAt !== null && input.now < input.startsAt)
    return { kind: "not_yet", startsAt: input.startsAt };
  if (input.ruleRefused) return { kind: input.ruleRefused };
  if (door.lockedDown) return { kind: "locked_down" };
  if (door.online === false) return { kind: "door_offline" };
  if (!door.fence) return { kind: "ready" };
  if (geo.status === "denied") return { kind: "location_blocked" };
  if (geo.status === "unavailable") return { kind: "location_unavailable" };
  if (!geo.fix)
    return geo.status === "locating" ? { kind: "locating" } : { kind: "needs_location" };
  const decision = decideGeofence(
    { enabled: true, ...door.fence, maxAgeS: input.maxAgeS },
    { ...geo.fix, capturedAt: geo.fix.timestamp },
    // A fix that has aged is refreshed at the tap, so age never blocks a door here.
    new Date(geo.fix.timestamp),
  );
  if (decision.allowed) return { kind: "ready" };
  switch (decision.code) {
    case "too_far":
      return { kind: "too_far", distanceM: decision.distanceM ?? 0 };
    case "location_imprecise":
      return { kind: "imprecise", accuracyM: decision.accuracyM ?? geo.fix.accuracy };
    case "geofence_unconfigured":
      return { kind: "unconfigured" };
    default:
      return { kind: "needs_location" };
  }
}

/**
 * When the link's rules open the doors next, while they are closed by hours (null otherwise):
 * the doors show "opens in …" and switch on at that moment, as for a scheduled link.
 */
export function ruleOpensAt(rules: AccessView["rules"]): number | null {
  if (!rules || rules.refused !== "outside_hours" || !rules.nextOpening) return null;
  return Date.parse(rules.nextOpening);
}

/**
 * A rule that will refuse every tap from now on (the visits are used, the validity from first
 * use is over): the doors say so instead of inviting a tap that cannot work.
 */
export function ruleRefusesForGood(
  rules: AccessView["rules"],
): "no_visits_left" | "first_use_expired" | null {
  return rules?.refused === "no_visits_left" || rules?.refused === "first_use_expired"
    ? rules.refused
    : null;
}
