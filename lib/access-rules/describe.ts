import { formatDurationShort, guestDateConventions } from "@/lib/time/guest-dates";
import { parseZonedLocal, zonedDate } from "@/lib/time/zoned-time";
import { addDays, weekdayOf } from "./evaluate";
import { WEEKDAYS } from "./clock";
import type { LinkRules, WeeklyRange } from "./schema";

/**
 * A weekly schedule in a guest's words: "Mon–Fri 07:00–19:00, Sat 09:00–13:00". Days with the
 * same ranges are grouped, runs of days joined with a dash; weekday names and the clock follow
 * the guest's language and the studio's conventions (lib/time/guest-dates.ts). Pure: the guest
 * page, the email and the .ics description share it.
 */
export function describeWeekly(ranges: readonly WeeklyRange[], locale: string, timeZone: string) {
  const { tag, hourCycle } = guestDateConventions(locale, timeZone);
  // 2024-01-01 was a Monday: day i of WEEKDAYS is 2024-01-0(1+i), read in UTC.
  const dayName = (i: number) =>
    new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: "UTC" }).format(
      new Date(Date.UTC(2024, 0, 1 + i)),
    );
  const clock = (hhmm: string) => {
    if (hourCycle === "h23") return hhmm === "24:00" ? "24:00" : hhmm;
    const [h, m] = hhmm.split(":").map(Number) as [number, number];
    return new Intl.DateTimeFormat(tag, {
      hour: "numeric",
      minute: "2-digit",
      hourCycle,
      timeZone: "UTC",
    }).format(new Date(Date.UTC(2024, 0, 1, h % 24, m)));
  };
  const byDay = WEEKDAYS.map((day) =>
    ranges
      .filter((r) => r.day === day)
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((r) => `${clock(r.from)}–${clock(r.until)}`)
      .join(", "),
  );
  const groups: { first: number; last: number; text: string }[] = [];
  byDay.forEach((text, i) => {
    if (!text) return;
    const last = groups[groups.length - 1];
    if (last && last.text === text && last.last === i - 1) last.last = i;
    else groups.push({ first: i, last: i, text });
  });
  return groups
    .map(({ first, last, text }) => {
      const days =
        first === last
          ? dayName(first)
          : last === first + 1
            ? `${dayName(first)}, ${dayName(last)}`
            : `${dayName(first)}–${dayName(last)}`;
      return `${days} ${text}`;
    })
    .join("; ");
}

type RuleWords = (
  key: "opens" | "visitsLeft" | "validFromFirstEntry",
  values: Record<string, string | number>,
) => string;

/** A new link's rules as the email says them (the `Rules` catalogue's words). */
export function describeLinkRules(
  rules: LinkRules | null,
  locale: string,
  timeZone: string,
  t: RuleWords,
): string[] {
  if (!rules) return [];
  const lines: string[] = [];
  if (rules.weekly?.length)
    lines.push(t("opens", { schedule: describeWeekly(rules.weekly, locale, timeZone) }));
  if (rules.visitLimit !== undefined) lines.push(t("visitsLeft", { count: rules.visitLimit }));
  if (rules.validForMinutes !== undefined)
    lines.push(
      t("validFromFirstEntry", {
        duration: formatDurationShort(rules.validForMinutes * 60_000, locale),
      }),
    );
  return lines;
}

const ICAL_DAYS = { mon: "MO", tue: "TU", wed: "WE", thu: "TH", fri: "FR", sat: "SA", sun: "SU" };

/**
 * A weekly schedule as one recurring calendar event (RFC 5545 RRULE), when every range has the
 * same hours ("Mon–Fri 07:00–19:00"); null otherwise (the entry then covers the whole window).
 * The first occurrence is the first range starting inside the window.
 */
export function weeklyRecurrence(
  weekly: readonly WeeklyRange[] | undefined,
  timeZone: string,
  window: { validFrom: Date; validUntil: Date },
) {
  const first = weekly?.[0];
  if (!weekly || !first) return null;
  const same = weekly.every(
    (r) => r.from === first.from && r.until === first.until && !r.nextDay === !first.nextDay,
  );
  if (!same) return null;
  const days = new Set(weekly.map((r) => r.day));
  const local = (date: string, hhmm: string) =>
    `${date.replace(/-/g, "")}T${hhmm.replace(":", "")}00`;
  for (
    let i = 0, date = zonedDate(window.validFrom, timeZone);
    i < 8;
    i++, date = addDays(date, 1)
  ) {
    if (!days.has(weekdayOf(date))) continue;
    const start = parseZonedLocal(`${date} ${first.from}`, timeZone);
    if (!start || start < window.validFrom) continue;
    if (start >= window.validUntil) return null;
    const endsNextDay = first.nextDay || first.until === "24:00";
    const endDate = endsNextDay ? addDays(date, 1) : date;
    return {
      timeZone,
      start: local(date, first.from),
      end: local(endDate, first.until === "24:00" ? "00:00" : first.until),
      byDay: WEEKDAYS.filter((d) => days.has(d)).map((d) => ICAL_DAYS[d]),
      until: window.validUntil,
    };
  }
  return null;
}
