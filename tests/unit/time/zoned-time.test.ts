import { describe, expect, it } from "vitest";
import { endOfDayIn, zonedDate } from "@/lib/time/zoned-time";

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
