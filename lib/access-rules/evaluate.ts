import { parseZonedLocal, zonedDate } from "@/lib/time/zoned-time";
import { tracksVisits, WEEKDAYS, type Weekday } from "./clock";
import type { LinkRules, StudioHours, TimeRange } from "./schema";

/**
 * The rule decision for one instant (pure: the unlock path, the guest page and the tests share
 * it). Wall-clock ranges are read in the studio's time zone with the same DST decisions as the
 * rest of Latchkey (lib/time/zoned-time.ts): a time skipped by the spring jump lands as far
 * after the jump as it was meant after its start, a repeated autumn time is its first instance.
 */
export type Interval = { start: Date; end: Date };

export type EffectiveRules = {
  /** The studio's opening hours, or null: always open. */
  studioHours: StudioHours | null;
  /** The link's own rules, or null. */
  link: LinkRules | null;
  /** How long a visit lasts: unlocks within it are the same visit (a double tap, a second door). */
  visitMinutes: number;
};

/** What the link row knows about its use. */
export type RuleLinkState = {
  validFrom: Date;
  validUntil: Date;
  visitsUsed: number;
  visitStartedAt: Date | null;
  firstUsedAt: Date | null;
};

export const RULE_REFUSALS = ["outside_hours", "no_visits_left", "first_use_expired"] as const;
export type RuleRefusal = (typeof RULE_REFUSALS)[number];

export type RuleVerdict =
  | {
      allowed: true;
      /** untracked: no visit counting; current: inside a visit already begun; new: starts one. */
      visit: "untracked" | "current" | "new";
      effectiveUntil: Date;
    }
  | { allowed: false; refused: RuleRefusal; nextOpening: Date | null };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead a next opening is looked for (a studio closed for a month still finds one). */
const NEXT_OPENING_HORIZON_DAYS = 62;

/** The end of the link's validity: its window, shortened by "valid from first use" once used. */
export function effectiveUntil(rules: LinkRules | null, link: RuleLinkState): Date {
  if (!rules?.validForMinutes || !link.firstUsedAt) return link.validUntil;
  const fromFirstUse = link.firstUsedAt.getTime() + rules.validForMinutes * MINUTE;
  return new Date(Math.min(link.validUntil.getTime(), fromFirstUse));
}

/** Whether `now` falls inside the visit already begun (a double tap, a second door). */
export function inCurrentVisit(link: RuleLinkState, visitMinutes: number, now: Date): boolean {
  if (!link.visitStartedAt) return false;
  const start = link.visitStartedAt.getTime();
  return now.getTime() >= start && now.getTime() < start + visitMinutes * MINUTE;
}

export function visitsLeft(rules: LinkRules | null, link: RuleLinkState): number | null {
  return rules?.visitLimit === undefined ? null : Math.max(0, rules.visitLimit - link.visitsUsed);
}

export function evaluate(
  rules: EffectiveRules,
  studioTz: string,
  now: Date,
  link: RuleLinkState,
): RuleVerdict {
  const until = effectiveUntil(rules.link, link);
  if (rules.link?.validForMinutes && link.firstUsedAt && now >= until)
    return { allowed: false, refused: "first_use_expired", nextOpening: null };
  const inVisit = inCurrentVisit(link, rules.visitMinutes, now);
  if (rules.link?.visitLimit !== undefined && !inVisit && link.visitsUsed >= rules.link.visitLimit)
    return { allowed: false, refused: "no_visits_left", nextOpening: null };
  const hours = applicableHours(rules);
  if (hours.length > 0 && !isOpenAt(hours, studioTz, now))
    return {
      allowed: false,
      refused: "outside_hours",
      nextOpening: nextOpening(hours, studioTz, now, until),
    };
  return {
    allowed: true,
    visit: tracksVisits(rules.link) ? (inVisit ? "current" : "new") : "untracked",
    effectiveUntil: until,
  };
}

/** The schedules that must both be open: the studio's (unless the link ignores it), the link's. */
export type Schedule = {
  weekly: readonly (TimeRange & { day: Weekday })[];
  exceptions?: StudioHours["exceptions"];
};

export function applicableHours(rules: EffectiveRules): Schedule[] {
  const schedules: Schedule[] = [];
  if (rules.studioHours && !rules.link?.ignoreStudioHours) schedules.push(rules.studioHours);
  if (rules.link?.weekly) schedules.push({ weekly: rules.link.weekly });
  return schedules;
}

function isOpenAt(schedules: Schedule[], timeZone: string, now: Date): boolean {
  const from = new Date(now.getTime() - DAY);
  const to = new Date(now.getTime() + DAY);
  return intersectAll(schedules.map((s) => openIntervals(s, timeZone, from, to))).some(
    (i) => i.start <= now && now < i.end,
  );
}

/** The first instant at or after `now`, before `until`, at which every schedule is open. */
export function nextOpening(
  schedules: Schedule[],
  timeZone: string,
  now: Date,
  until: Date,
): Date | null {
  if (schedules.length === 0) return now < until ? now : null;
  const horizon = new Date(
    Math.min(until.getTime(), now.getTime() + NEXT_OPENING_HORIZON_DAYS * DAY),
  );
  const open = intersectAll(schedules.map((s) => openIntervals(s, timeZone, now, horizon)));
  const next = open.find((i) => i.end > now && i.start < until);
  if (!next) return null;
  return next.start > now ? next.start : now;
}

/**
 * The open intervals of a schedule that touch [from, to], as instants. A range belongs to the
 * local date it starts on (a night range from the day before can still be open at `from`);
 * an exception's ranges replace that date's weekly ranges.
 */
export function openIntervals(
  schedule: Schedule,
  timeZone: string,
  from: Date,
  to: Date,
): Interval[] {
  const exceptions = new Map((schedule.exceptions ?? []).map((e) => [e.date, e.ranges]));
  const out: Interval[] = [];
  const last = zonedDate(to, timeZone);
  for (let date = addDays(zonedDate(from, timeZone), -1); date <= last; date = addDays(date, 1)) {
    const day = weekdayOf(date);
    const ranges = exceptions.get(date) ?? schedule.weekly.filter((r) => r.day === day);
    for (const range of ranges) {
      const interval = rangeInstants(date, range, timeZone);
      if (interval && interval.end > from && interval.start < to) out.push(interval);
    }
  }
  return merge(out);
}

function rangeInstants(date: string, range: TimeRange, timeZone: string): Interval | null {
  const start = parseZonedLocal(`${date} ${range.from}`, timeZone);
  const endDate = range.nextDay || range.until === "24:00" ? addDays(date, 1) : date;
  const endClock = range.until === "24:00" ? "00:00" : range.until;
  const end = parseZonedLocal(`${endDate} ${endClock}`, timeZone);
  // A range from inside the spring gap to its end (02:30–03:00 in Berlin) maps to nothing.
  return start && end && end > start ? { start, end } : null;
}

function intersectAll(lists: Interval[][]): Interval[] {
  return lists.reduce((acc, list) => intersect(acc, list));
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const start = x.start > y.start ? x.start : y.start;
      const end = x.end < y.end ? x.end : y.end;
      if (start < end) out.push({ start, end });
    }
  return merge(out);
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      if (i.end > last.end) last.end = i.end;
    } else out.push({ ...i });
  }
  return out;
}

/** `YYYY-MM-DD` plus `days` calendar days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday (ISO 8601).
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}
