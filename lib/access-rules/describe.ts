import { guestDateConventions } from "@/lib/time/guest-dates";
import { WEEKDAYS, type WeeklyRange } from "./schema";

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
