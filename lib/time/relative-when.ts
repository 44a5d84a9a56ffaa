import { guestDateConventions } from "./guest-dates";
import { zonedDate } from "./zoned-time";

/**
 * A moment as front-desk staff read it, in the studio's time zone: close ones relative ("in
 * 2 h", "25 min ago"), this week's by day word and time ("yesterday 18:04", "tomorrow 09:00"),
 * others by date and time. Pure (the clock is passed in), so the list, the sheet and tests
 * agree. The exact date and time always goes into a tooltip/`title` beside it (`exactWhen`).
 */
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function relativeWhen(at: Date, now: Date, timeZone: string, language: string): string {
  // The studio's clock convention (18:04 in Berlin, 6:04 PM in New York), as its emails use.
  const { tag: locale, hourCycle } = guestDateConventions(language, timeZone);
  const diff = at.getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  if (Math.abs(diff) < HOUR) {
    const minutes = Math.round(diff / 60_000);
    return minutes === 0 ? rtf.format(0, "second") : rtf.format(minutes, "minute");
  }
  if (Math.abs(diff) < 6 * HOUR) return rtf.format(Math.round(diff / HOUR), "hour");
  const days = calendarDays(at, now, timeZone);
  const time = new Intl.DateTimeFormat(locale, {
    hour: hourCycle === "h23" ? "2-digit" : "numeric",
    minute: "2-digit",
    hourCycle,
    timeZone,
  }).format(at);
  if (Math.abs(days) <= 1) {
    const word = new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(days, "day");
    return `${word} ${time}`;
  }
  const sameYear = zonedDate(at, timeZone).slice(0, 4) === zonedDate(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
    hourCycle,
    timeZone,
  }).format(at);
}

/** The full date and time in the studio's zone, with the zone's name ("Tue, 3 Mar 2026, 18:04 CET"). */
export function exactWhen(at: Date, timeZone: string, language: string): string {
  const { tag, hourCycle } = guestDateConventions(language, timeZone);
  return new Intl.DateTimeFormat(tag, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle,
    timeZone,
    timeZoneName: "short",
  }).format(at);
}

/** Whole calendar days from `now`'s date to `at`'s, both in the studio's zone (−1 = yesterday). */
function calendarDays(at: Date, now: Date, timeZone: string): number {
  const day = (d: Date) => Date.parse(`${zonedDate(d, timeZone)}T00:00:00Z`);
  return Math.round((day(at) - day(now)) / DAY);
}
