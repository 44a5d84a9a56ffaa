import { describe, expect, it } from "vitest";
import { endOfDayIn, parseZonedLocal, zonedDate } from "@/lib/time/zoned-time";

describe("endOfDayIn", () => {
  it.each([
    // The studio's day, not UTC's: in Auckland it is already tomorrow.
    ["Pacific/Auckland", "2026-11-22T12:00:00Z", "2026-11-23", "2026-11-23T10:59:00.000Z"],
    ["Europe/Berlin", "2026-07-01T08:00:00Z", "2026-07-01", "2026-07-01T21:59:00.000Z"],
    ["Europe/Berlin", "2026-01-15T23:30:00Z", "2026-01-16", "2026-01-16T22:59:00.000Z"],
    ["America/New_York", "2026-03-08T12:00:00Z", "2026-03-08", "2026-03-09T03:59:00.000Z"],
    ["UTC", "2026-11-22T00:00:00Z", "2026-11-22", "2026-11-22T23:59:00.000Z"],
  ])("%s at %s: the day is %s, it ends at %s", (zone, now, day, end) => {
    expect(zonedDate(new Date(now), zone)).toBe(day);
    expect(endOfDayIn(zone, new Date(now)).toISOString()).toBe(end);
  });
});

describe("parseZonedLocal across clock changes", () => {
  it.each([
    // Spring gap: 02:00–03:00 does not exist; read with the offset before the jump.
    ["Europe/Berlin", "2026-03-29 02:30", "2026-03-29T01:30:00.000Z"],
    ["Europe/Berlin", "2026-03-29 01:59", "2026-03-29T00:59:00.000Z"],
    ["Europe/Berlin", "2026-03-29 03:00", "2026-03-29T01:00:00.000Z"],
    ["America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00.000Z"],
    // Autumn: 02:00–03:00 happens twice in Berlin; the first (summer time, +2) is meant.
    ["Europe/Berlin", "2026-10-25 02:30", "2026-10-25T00:30:00.000Z"],
    ["Europe/Berlin", "2026-10-25 02:00", "2026-10-25T00:00:00.000Z"],
    ["Europe/Berlin", "2026-10-25 03:00", "2026-10-25T02:00:00.000Z"],
    ["Europe/Berlin", "2026-10-25 01:59", "2026-10-24T23:59:00.000Z"],
    // New York repeats 01:00–02:00; the first is daylight time (-4).
    ["America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00.000Z"],
    // Southern hemisphere: Auckland falls back in April and jumps in September.
    ["Pacific/Auckland", "2026-04-05 02:30", "2026-04-04T13:30:00.000Z"],
    ["Pacific/Auckland", "2026-09-27 02:30", "2026-09-26T14:30:00.000Z"],
    // Lord Howe moves by half an hour: 02:00–02:30 is skipped, 01:30–02:00 repeats.
    ["Australia/Lord_Howe", "2026-10-04 02:15", "2026-10-03T15:45:00.000Z"],
    ["Australia/Lord_Howe", "2026-04-05 01:45", "2026-04-04T14:45:00.000Z"],
    ["UTC", "2026-03-29 02:30", "2026-03-29T02:30:00.000Z"],
  ])("%s %s is %s", (zone, local, iso) => {
    expect(parseZonedLocal(local, zone)?.toISOString()).toBe(iso);
  });

  it("maps a wall time in the repeated hour to its first run, though both runs show it", () => {
    // Both instants show 02:30 on Berlin's wall clock; the plain wall time maps to the first.
    const first = new Date("2026-10-25T00:30:00Z");
    const second = new Date("2026-10-25T01:30:00Z");
    expect(wallClock(first, "Europe/Berlin")).toBe("2026-10-25 02:30");
    expect(wallClock(second, "Europe/Berlin")).toBe("2026-10-25 02:30");
    expect(parseZonedLocal("2026-10-25 02:30", "Europe/Berlin")).toEqual(first);
  });

  it("round-trips 2026 in zones with gaps, folds and half-hour shifts", () => {
    // Independent oracle: Intl's own formatting. Every instant whose wall time occurs once must
    // come back as itself; in a repeated hour the wall time maps to the earlier instant. Days
    // with a clock change are walked every 15 minutes, the others sampled once.
    const wrong: string[] = [];
    let changeDays = 0;
    for (const zone of ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]) {
      const year = Date.parse("2026-01-01T00:00:00Z");
      for (let day = year; day < year + 365 * DAY; day += DAY) {
        const changes =
          wallClock(new Date(day), zone).slice(11) !==
          wallClock(new Date(day + DAY), zone).slice(11);
        if (changes) changeDays++;
        const step = changes ? 15 * 60_000 : DAY;
        for (let at = day; at < day + DAY; at += step) {
          const wall = wallClock(new Date(at), zone);
          const back = parseZonedLocal(wall, zone)?.getTime();
          const ok =
            back !== undefined &&
            wallClock(new Date(back), zone) === wall &&
            back <= at &&
            at - back <= 60 * 60_000;
          if (!ok) wrong.push(`${zone} ${new Date(at).toISOString()} ${wall}`);
        }
      }
    }
    expect(changeDays).toBe(6);
    expect(wrong).toEqual([]);
  });

  it.each(["0050-01-01 10:00", "2026-02-29 10:00"])("refuses the impossible date %s", (value) => {
    expect(parseZonedLocal(value, "Europe/Berlin")).toBeNull();
  });

  it("gives no instant for an unknown zone, and no day for it either", () => {
    expect(parseZonedLocal("2026-03-01 10:00", "Mars/Olympus_Mons")).toBeNull();
    expect(() => zonedDate(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

const DAY = 86_400_000;
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string): string {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    wallFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
