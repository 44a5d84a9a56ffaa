import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TZDate } from "@date-fns/tz";
import {
  evaluate,
  type EffectiveRules,
  type RuleLinkState,
  weekdayOf,
  addDays,
} from "@/lib/access-rules/evaluate";
import { zonedDate } from "@/lib/time/zoned-time";
import {
  WEEKDAYS,
  rangeMinutes,
  type LinkRules,
  type StudioHours,
  type WeeklyRange,
} from "@/lib/access-rules/schema";

const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);
const state = (over: Partial<RuleLinkState> = {}): RuleLinkState => ({
  validFrom: at("2026-01-01T00:00:00Z"),
  validUntil: at("2027-01-01T00:00:00Z"),
  visitsUsed: 0,
  visitStartedAt: null,
  firstUsedAt: null,
  ...over,
});
const rules = (over: Partial<EffectiveRules> = {}): EffectiveRules => ({
  studioHours: null,
  link: null,
  visitMinutes: 90,
  ...over,
});
const weekdays = (from: string, until: string): WeeklyRange[] =>
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, from, until }));

describe("opening hours in the studio's time zone", () => {
  const hours: StudioHours = { weekly: weekdays("07:00", "19:00"), exceptions: [] };

  it("opens inside the range, read in the studio's zone, not UTC", () => {
    // Wed 2026-07-01: Berlin is UTC+2, so 07:00 local is 05:00Z.
    expect(
      evaluate(rules({ studioHours: hours }), BERLIN, at("2026-07-01T04:59:00Z"), state()),
    ).toMatchObject({
      allowed: false,
      refused: "outside_hours",
      nextOpening: at("2026-07-01T05:00:00Z"),
    });
    expect(
      evaluate(rules({ studioHours: hours }), BERLIN, at("2026-07-01T05:00:00Z"), state()),
    ).toMatchObject({ allowed: true, visit: "untracked" });
    // 19:00 is the end, exclusive.
    expect(
      evaluate(rules({ studioHours: hours }), BERLIN, at("2026-07-01T17:00:00Z"), state()),
    ).toMatchObject({ allowed: false, nextOpening: at("2026-07-02T05:00:00Z") });
  });

  it("after Friday's closing, the next opening is Monday", () => {
    // Fri 2026-07-03 20:00 Berlin → Mon 2026-07-06 07:00 Berlin.
    expect(
      evaluate(rules({ studioHours: hours }), BERLIN, at("2026-07-03T18:00:00Z"), state()),
    ).toMatchObject({ refused: "outside_hours", nextOpening: at("2026-07-06T05:00:00Z") });
  });

  it("a range across midnight belongs to its start day, including Sunday into Monday", () => {
    const night: StudioHours = {
      weekly: [
        { day: "fri", from: "22:00", until: "02:00", nextDay: true },
        { day: "sun", from: "23:00", until: "01:00", nextDay: true },
      ],
      exceptions: [],
    };
    const r = rules({ studioHours: night });
    // Sat 2026-07-04 01:30 Berlin = 2026-07-03T23:30Z: Friday's range still open.
    expect(evaluate(r, BERLIN, at("2026-07-03T23:30:00Z"), state()).allowed).toBe(true);
    // Sat 02:00 Berlin: closed; next is Sunday 23:00.
    expect(evaluate(r, BERLIN, at("2026-07-04T00:00:00Z"), state())).toMatchObject({
      allowed: false,
      nextOpening: at("2026-07-05T21:00:00Z"),
    });
    // Mon 00:30 Berlin: Sunday's range wraps into the new week.
    expect(evaluate(r, BERLIN, at("2026-07-05T22:30:00Z"), state()).allowed).toBe(true);
    // Thursday 23:00 Berlin: no range starts on Thursday night.
    expect(evaluate(r, BERLIN, at("2026-07-02T21:00:00Z"), state()).allowed).toBe(false);
  });

  it("DST start: a range at 02:30 on the spring-forward day opens an hour later in UTC terms", () => {
    // 2026-03-29 (Sunday): Berlin jumps from 02:00 CET to 03:00 CEST. 02:30 does not exist and is
    // read as 03:30 CEST (01:30Z), as iCalendar reads it; 04:00 CEST is 02:00Z.
    const r = rules({
      studioHours: { weekly: [{ day: "sun", from: "02:30", until: "04:00" }], exceptions: [] },
    });
    expect(evaluate(r, BERLIN, at("2026-03-29T01:29:00Z"), state())).toMatchObject({
      allowed: false,
      nextOpening: at("2026-03-29T01:30:00Z"),
    });
    expect(evaluate(r, BERLIN, at("2026-03-29T01:30:00Z"), state()).allowed).toBe(true);
    expect(evaluate(r, BERLIN, at("2026-03-29T01:59:00Z"), state()).allowed).toBe(true);
    expect(evaluate(r, BERLIN, at("2026-03-29T02:00:00Z"), state()).allowed).toBe(false);
    // A week later the same range is 02:30–04:00 CEST: 00:30Z–02:00Z.
    expect(evaluate(r, BERLIN, at("2026-04-05T00:30:00Z"), state()).allowed).toBe(true);
  });

  it("DST end: a night range across the repeated hour lasts one hour longer", () => {
    // 2026-10-25: Berlin goes from 03:00 CEST back to 02:00 CET. 01:00 CEST = 23:00Z (24th),
    // 04:00 CET = 03:00Z: four hours of real time for a three-hour wall-clock range.
    const r = rules({
      studioHours: { weekly: [{ day: "sun", from: "01:00", until: "04:00" }], exceptions: [] },
    });
    expect(evaluate(r, BERLIN, at("2026-10-24T22:59:00Z"), state()).allowed).toBe(false);
    expect(evaluate(r, BERLIN, at("2026-10-24T23:00:00Z"), state()).allowed).toBe(true);
    expect(evaluate(r, BERLIN, at("2026-10-25T02:59:00Z"), state()).allowed).toBe(true);
    expect(evaluate(r, BERLIN, at("2026-10-25T03:00:00Z"), state()).allowed).toBe(false);
  });

  it("exceptions override the weekly hours: closed on 25 Dec, short hours on 31 Dec", () => {
    const holidays: StudioHours = {
      weekly: weekdays("07:00", "19:00"),
      exceptions: [
        { date: "2026-12-25", ranges: [], label: "Christmas" },
        { date: "2026-12-31", ranges: [{ from: "07:00", until: "12:00" }] },
        { date: "2026-12-27", ranges: [{ from: "10:00", until: "14:00" }] },
      ],
    };
    const r = rules({ studioHours: holidays });
    // Fri 25 Dec 10:00 CET (09:00Z): closed; next opening Mon 28 Dec 07:00 — the 27th (Sunday)
    // is opened by its exception at 10:00, so that comes first.
    expect(evaluate(r, BERLIN, at("2026-12-25T09:00:00Z"), state())).toMatchObject({
      allowed: false,
      nextOpening: at("2026-12-27T09:00:00Z"),
    });
    expect(evaluate(r, BERLIN, at("2026-12-27T12:00:00Z"), state()).allowed).toBe(true);
    expect(evaluate(r, BERLIN, at("2026-12-31T10:59:00Z"), state()).allowed).toBe(true);
    expect(
      evaluate(
        r,
        BERLIN,
        at("2026-12-31T11:00:00Z"),
        state({ validUntil: at("2027-02-01T00:00:00Z") }),
      ),
    ).toMatchObject({
      allowed: false,
      nextOpening: at("2027-01-01T06:00:00Z"),
    });
    // A normal Wednesday is unaffected.
    expect(evaluate(r, BERLIN, at("2026-12-30T11:00:00Z"), state()).allowed).toBe(true);
  });

  it("a link's own schedule applies inside the studio's hours; staff links may ignore the studio's", () => {
    const studioHours: StudioHours = { weekly: weekdays("09:00", "17:00"), exceptions: [] };
    const temp: LinkRules = { weekly: weekdays("07:00", "19:00") };
    // Wed 08:00 Berlin (06:00Z): the link would open, the studio is still closed.
    expect(
      evaluate(rules({ studioHours, link: temp }), BERLIN, at("2026-07-01T06:00:00Z"), state()),
    ).toMatchObject({ allowed: false, nextOpening: at("2026-07-01T07:00:00Z") });
    expect(
      evaluate(
        rules({ studioHours, link: { ...temp, ignoreStudioHours: true } }),
        BERLIN,
        at("2026-07-01T06:00:00Z"),
        state(),
      ).allowed,
    ).toBe(true);
    // Ignoring the studio's hours does not ignore the link's own: Saturday stays shut.
    expect(
      evaluate(
        rules({ studioHours, link: { ...temp, ignoreStudioHours: true } }),
        BERLIN,
        at("2026-07-04T10:00:00Z"),
        state(),
      ),
    ).toMatchObject({ allowed: false, nextOpening: at("2026-07-06T05:00:00Z") });
  });

  it("no next opening after the link's end", () => {
    const r = rules({ link: { weekly: weekdays("07:00", "19:00") } });
    expect(
      evaluate(
        r,
        BERLIN,
        at("2026-07-03T18:00:00Z"),
        state({ validUntil: at("2026-07-05T00:00:00Z") }),
      ),
    ).toMatchObject({ allowed: false, refused: "outside_hours", nextOpening: null });
  });
});

describe("visits", () => {
  const trial = rules({ link: { visitLimit: 1 }, visitMinutes: 60 });
  const now = at("2026-07-01T10:00:00Z");

  it("the first unlock starts a visit; unlocks within the visit length belong to it", () => {
    expect(evaluate(trial, BERLIN, now, state())).toMatchObject({ allowed: true, visit: "new" });
    const used = state({ visitsUsed: 1, visitStartedAt: now });
    expect(evaluate(trial, BERLIN, at("2026-07-01T10:59:59Z"), used)).toMatchObject({
      allowed: true,
      visit: "current",
    });
  });

  it("after the visit length a last visit is gone", () => {
    const used = state({ visitsUsed: 1, visitStartedAt: now });
    expect(evaluate(trial, BERLIN, at("2026-07-01T11:00:00Z"), used)).toMatchObject({
      allowed: false,
      refused: "no_visits_left",
    });
  });

  it("a second visit of three starts after the first ended", () => {
    const three = rules({ link: { visitLimit: 3 }, visitMinutes: 60 });
    const used = state({ visitsUsed: 1, visitStartedAt: now });
    expect(evaluate(three, BERLIN, at("2026-07-01T11:00:00Z"), used)).toMatchObject({
      allowed: true,
      visit: "new",
    });
  });

  it("a visit inside the limit is still refused outside hours; no visits left is said first", () => {
    const r = rules({
      link: { visitLimit: 1, weekly: weekdays("07:00", "19:00") },
      visitMinutes: 60,
    });
    expect(evaluate(r, BERLIN, at("2026-07-04T10:00:00Z"), state()).allowed).toBe(false);
    expect(
      evaluate(
        r,
        BERLIN,
        at("2026-07-04T10:00:00Z"),
        state({ visitsUsed: 1, visitStartedAt: now }),
      ),
    ).toMatchObject({ refused: "no_visits_left" });
  });
});

describe("valid from first use", () => {
  const dayPass = rules({ link: { validForMinutes: 1440 } });

  it("runs for its duration from the first use", () => {
    const first = at("2026-07-01T10:00:00Z");
    const used = state({ firstUsedAt: first, visitsUsed: 1, visitStartedAt: first });
    expect(evaluate(dayPass, BERLIN, at("2026-07-02T09:59:59Z"), used)).toMatchObject({
      allowed: true,
      effectiveUntil: at("2026-07-02T10:00:00Z"),
    });
    expect(evaluate(dayPass, BERLIN, at("2026-07-02T10:00:00Z"), used)).toMatchObject({
      allowed: false,
      refused: "first_use_expired",
    });
  });

  it("is clipped by the outer window", () => {
    const first = at("2026-07-01T10:00:00Z");
    const used = state({ firstUsedAt: first, validUntil: at("2026-07-01T20:00:00Z") });
    expect(evaluate(dayPass, BERLIN, at("2026-07-01T19:00:00Z"), used)).toMatchObject({
      allowed: true,
      effectiveUntil: at("2026-07-01T20:00:00Z"),
    });
  });

  it("before the first use the whole window applies", () => {
    expect(evaluate(dayPass, BERLIN, at("2026-07-01T19:00:00Z"), state())).toMatchObject({
      allowed: true,
      visit: "new",
      effectiveUntil: at("2027-01-01T00:00:00Z"),
    });
  });
});

// Property tests: the evaluator against a wall-clock model of the week.
const clock = fc.integer({ min: 0, max: 23 * 4 + 3 }).map((q) => q * 15);
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const rangeArb = fc
  .record({
    day: fc.constantFrom(...WEEKDAYS),
    from: clock,
    length: fc.integer({ min: 1, max: 24 * 4 }).map((q) => q * 15),
  })
  .map(({ day, from, length }): WeeklyRange => {
    const end = from + length;
    return end > 1440
      ? { day, from: hhmm(from), until: hhmm(end - 1440), nextDay: true }
      : { day, from: hhmm(from), until: end === 1440 ? "24:00" : hhmm(end) };
  });

/** Open by the wall clock: a range of today, or a night range of yesterday, holds the time. */
function wallOpen(ranges: WeeklyRange[], timeZone: string, now: Date): boolean {
  const local = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  const minute = local.getHours() * 60 + local.getMinutes();
  const from = (r: WeeklyRange) => Number(r.from.slice(0, 2)) * 60 + Number(r.from.slice(3));
  return ranges.some((r) => {
    if (r.day === weekdayOf(date) && minute >= from(r) && minute < from(r) + rangeMinutes(r))
      return true;
    return (
      r.day === weekdayOf(addDays(date, -1)) &&
      from(r) + rangeMinutes(r) > 1440 &&
      minute < from(r) + rangeMinutes(r) - 1440
    );
  });
}

/** Days of 2026 on which Berlin changes its clocks, and the day after (a night range spills). */
const TRANSITIONS = new Set(["2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26"]);
const instant = fc
  .integer({ min: Date.parse("2026-01-05T00:00:00Z"), max: Date.parse("2026-12-20T00:00:00Z") })
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

describe("properties", () => {
  it("away from clock changes, open exactly when the wall clock is inside a range", () => {
    fc.assert(
      fc.property(fc.array(rangeArb, { minLength: 1, maxLength: 4 }), instant, (ranges, now) => {
        const date = zonedDate(now, BERLIN);
        fc.pre(![...TRANSITIONS].some((d) => d === date || d === addDays(date, -1)));
        // Overlaps do not matter to the model; the evaluator merges what is open.
        const r = rules({ studioHours: { weekly: ranges, exceptions: [] } });
        expect(evaluate(r, BERLIN, now, state()).allowed).toBe(wallOpen(ranges, BERLIN, now));
      }),
      { numRuns: 400 },
    );
  });

  it("the next opening is open, and nothing is open between now and it", () => {
    fc.assert(
      fc.property(
        fc.array(rangeArb, { minLength: 1, maxLength: 4 }),
        instant,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ranges, now, where) => {
          const r = rules({ studioHours: { weekly: ranges, exceptions: [] } });
          const verdict = evaluate(r, BERLIN, now, state());
          if (verdict.allowed) return;
          expect(verdict.nextOpening).not.toBeNull();
          const next = verdict.nextOpening!;
          expect(next > now).toBe(true);
          expect(evaluate(r, BERLIN, next, state()).allowed).toBe(true);
          const between = new Date(
            now.getTime() + Math.floor((next.getTime() - now.getTime()) * where),
          );
          if (between < next) expect(evaluate(r, BERLIN, between, state()).allowed).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the effective end never passes the outer window, and never precedes the first use", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 30 * 1440 }),
        fc.integer({ min: 1, max: 30 * 1440 }),
        (validFor, firstAfter, windowLength) => {
          const validFrom = at("2026-07-01T00:00:00Z");
          const validUntil = new Date(validFrom.getTime() + windowLength * 60_000);
          const firstUsedAt = new Date(
            validFrom.getTime() + Math.min(firstAfter, windowLength - 1) * 60_000,
          );
          const link = state({ validFrom, validUntil, firstUsedAt });
          const v = evaluate(
            rules({ link: { validForMinutes: validFor } }),
            BERLIN,
            firstUsedAt,
            link,
          );
          expect(v.allowed).toBe(true);
          if (!v.allowed) return;
          expect(v.effectiveUntil <= validUntil).toBe(true);
          expect(v.effectiveUntil.getTime()).toBe(
            Math.min(validUntil.getTime(), firstUsedAt.getTime() + validFor * 60_000),
          );
        },
      ),
    );
  });
});
