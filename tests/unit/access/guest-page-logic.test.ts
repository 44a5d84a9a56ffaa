import { describe, expect, it } from "vitest";
import {
  doorAvailability,
  isTappable,
  ruleRefusesForGood,
} from "@/components/access/door-availability";
import { retryDelayMs } from "@/components/access/use-door-unlock";
import type { AccessDoor } from "@/lib/access/view";
import { homeScreenName, servesHomeScreen } from "@/lib/access/home-screen";
import {
  formatDurationShort,
  formatGuestDateTime,
  formatGuestTime,
  guestDateConventions,
} from "@/lib/time/guest-dates";

const CENTER = { latitude: 52.52967, longitude: 13.40129 };
const fenced: AccessDoor = {
  id: 5001,
  name: "Front door",
  online: true,
  lockedDown: false,
  geofenced: true,
  fence: { center: CENTER, radiusM: 100, maxAccuracyM: 150 },
};
const open: AccessDoor = { ...fenced, geofenced: false, fence: null };
const at = (metres: number, accuracy = 12) => ({
  latitude: CENTER.latitude + metres / 111_195,
  longitude: CENTER.longitude,
  accuracy,
  timestamp: Date.now(),
});
const base = {
  online: true,
  systemReachable: true,
  startsAt: null,
  now: Date.now(),
  maxAgeS: 60,
  geo: { status: "idle" as const, fix: null },
};

describe("a door's availability before any tap", () => {
  it("says why a door cannot work, in the order a guest can fix it", () => {
    expect(doorAvailability({ ...base, door: open, online: false }).kind).toBe("phone_offline");
    expect(doorAvailability({ ...base, door: open, systemReachable: false }).kind).toBe(
      "system_unreachable",
    );
    expect(doorAvailability({ ...base, door: { ...open, online: false } }).kind).toBe(
      "door_offline",
    );
    expect(doorAvailability({ ...base, door: { ...open, lockedDown: true } }).kind).toBe(
      "locked_down",
    );
    expect(doorAvailability({ ...base, door: open, startsAt: base.now + 60_000 })).toMatchObject({
      kind: "not_yet",
    });
    expect(doorAvailability({ ...base, door: open }).kind).toBe("ready");
  });

  it("a pass whose visits are used, or whose validity from first use ran out, invites no tap", () => {
    const rules = (refused: string | null) =>
      ({ refused }) as unknown as Parameters<typeof ruleRefusesForGood>[0];
    for (const code of ["no_visits_left", "first_use_expired"] as const) {
      const a = doorAvailability({
        ...base,
        door: open,
        ruleRefused: ruleRefusesForGood(rules(code)),
      });
      expect(a.kind).toBe(code);
      expect(isTappable(a)).toBe(false);
    }
    // Outside hours counts down to the next opening instead; no refusal keeps the door ready.
    expect(ruleRefusesForGood(rules("outside_hours"))).toBeNull();
    expect(ruleRefusesForGood(rules(null))).toBeNull();
    expect(ruleRefusesForGood(null)).toBeNull();
    // The phone being offline is still said first: it is the one thing the guest can fix.
    expect(
      doorAvailability({ ...base, door: open, online: false, ruleRefused: "no_visits_left" }).kind,
    ).toBe("phone_offline");
  });

  it("a geofenced door is tapped to share the location, then reports inside, far or imprecise", () => {
    const a = (geo: Parameters<typeof doorAvailability>[0]["geo"]) =>
      doorAvailability({ ...base, door: fenced, geo });
    expect(a({ status: "idle", fix: null }).kind).toBe("needs_location");
    expect(isTappable(a({ status: "idle", fix: null }))).toBe(true);
    expect(a({ status: "ready", fix: at(20) }).kind).toBe("ready");
    expect(a({ status: "ready", fix: at(1_100) })).toMatchObject({ kind: "too_far" });
    const far = a({ status: "ready", fix: at(1_100) });
    expect(far.kind === "too_far" && Math.round(far.distanceM / 100)).toBe(11);
    expect(a({ status: "ready", fix: at(20, 1_500) })).toMatchObject({
      kind: "imprecise",
      accuracyM: 1_500,
    });
    expect(a({ status: "denied", fix: null }).kind).toBe("location_blocked");
    expect(isTappable(a({ status: "ready", fix: at(1_100) }))).toBe(false);
  });
});

describe("busy retries", () => {
  it("back off exponentially with jitter, capped, and never sooner than Retry-After", () => {
    expect(retryDelayMs(1, null, () => 0)).toBe(500);
    expect(retryDelayMs(1, null, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, null, () => 1)).toBe(4_000);
    expect(retryDelayMs(10, null, () => 1)).toBe(8_000);
    expect(retryDelayMs(1, 3, () => 0)).toBe(3_000);
  });
});

describe("words and names for the guest", () => {
  it("a Berlin studio shows a short 24-hour date, a New York studio a 12-hour one", () => {
    const date = new Date("2026-12-31T07:25:00Z");
    const now = new Date("2026-12-01T00:00:00Z");
    expect(formatGuestDateTime(date, "en", "Europe/Berlin", now)).toBe("Thu 31 Dec, 08:25");
    expect(formatGuestDateTime(date, "de", "Europe/Berlin", now)).toBe("Do., 31. Dez., 08:25");
    expect(formatGuestDateTime(date, "en", "America/New_York", now)).toMatch(/Dec 31, 02:25\sAM/);
    expect(guestDateConventions("de", "America/Chicago").hourCycle).toBe("h12");
    // Another year is named.
    expect(formatGuestDateTime(date, "en", "Europe/Berlin", new Date("2025-06-01"))).toContain(
      "2026",
    );
  });

  it("clock times follow the studio's conventions, not the language's", () => {
    const date = new Date("2026-12-01T17:04:12Z");
    expect(formatGuestTime(date, "en", "Europe/Berlin")).toBe("18:04:12");
    expect(formatGuestTime(date, "en", "America/New_York")).toMatch(/^12:04:12\sPM$/);
  });

  it("durations read like speech", () => {
    expect(formatDurationShort((2 * 60 + 14) * 60_000, "en")).toBe("2 hr 14 min");
    expect(formatDurationShort(30_000, "en")).toBe("1 min");
    expect(formatDurationShort(26 * 3_600_000, "en")).toBe("1 day 2 hr");
  });

  it("home-screen names fit 12 characters without cutting a word", () => {
    expect(homeScreenName("Latchkey Demo Studio")).toBe("Latchkey");
    expect(homeScreenName("Yoga Loft")).toBe("Yoga Loft");
    expect(homeScreenName("Kraftwerkstatt Berlin")).toBe("KB");
    expect(homeScreenName("Supercalifragilistic")).toBe("Supercalifra");
    for (const name of ["Latchkey Demo Studio", "A B C D E F G H I J K L M N", "Ö"])
      expect([...homeScreenName(name)].length).toBeLessThanOrEqual(12);
    expect(servesHomeScreen("active")).toBe(true);
    expect(servesHomeScreen("expired")).toBe(false);
    expect(servesHomeScreen("revoked")).toBe(false);
  });
});
