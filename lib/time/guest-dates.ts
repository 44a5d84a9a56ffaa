/**
 * Dates as a guest reads them at the door: short, in the guest's language, in the studio's time
 * zone and with the studio's clock conventions. A Berlin studio shows "Until Thu 31 Dec, 08:25"
 * to an English-speaking guest, a New York studio "Until Thu, Dec 31, 8:25 AM".
 *
 * The conventions follow the studio's time zone, the one thing every studio sets: zones where a
 * 12-hour clock is the everyday norm get it, everywhere else 24 hours. English is written the
 * British way outside those regions (day before month). Pure: used by the page and the server.
 */
const TWELVE_HOUR_ZONES =
  /^(America\/|US\/|Canada\/|Australia\/|Pacific\/Auckland$|Asia\/(Kolkata|Calcutta|Manila|Karachi|Dhaka)$)/;

export function usesTwelveHourClock(timeZone: string): boolean {
  return TWELVE_HOUR_ZONES.test(timeZone);
}

/** The locale tag and hour cycle to format with, for a guest's language at a studio. */
export function guestDateConventions(
  locale: string,
  timeZone: string,
): { tag: string; hourCycle: "h12" | "h23" } {
  const twelve = usesTwelveHourClock(timeZone);
  const tag = locale === "en" ? (twelve ? "en-US" : "en-GB") : locale;
  return { tag, hourCycle: twelve ? "h12" : "h23" };
}

/** "Thu 31 Dec, 08:25": weekday, day, month and time, no year unless it is not this year's. */
export function formatGuestDateTime(
  date: Date,
  locale: string,
  timeZone: string,
  now: Date = new Date(),
): string {
  const { tag, hourCycle } = guestDateConventions(locale, timeZone);
  const year = (d: Date) => new Intl.DateTimeFormat("en", { timeZone, year: "numeric" }).format(d);
  return new Intl.DateTimeFormat(tag, {
    timeZone,
    hourCycle,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: year(date) === year(now) ? undefined : "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** "18:04:12" (or "6:04:12 PM"): a clock time with seconds, e.g. when the page last tried. */
export function formatGuestTime(date: Date, locale: string, timeZone: string): string {
  const { tag, hourCycle } = guestDateConventions(locale, timeZone);
  return new Intl.DateTimeFormat(tag, {
    timeZone,
    hourCycle,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(date);
}

/** The full, unambiguous form for "show the whole window": date with year and time. */
export function formatGuestDateTimeFull(date: Date, locale: string, timeZone: string): string {
  const { tag, hourCycle } = guestDateConventions(locale, timeZone);
  return new Intl.DateTimeFormat(tag, {
    timeZone,
    hourCycle,
    dateStyle: "full",
    timeStyle: "short",
  }).format(date);
}

/** "2 h 14 min", "3 min", "1 day 4 h": time until something, in the guest's language. */
export function formatDurationShort(ms: number, locale: string): string {
  const minutesTotal = Math.max(1, Math.ceil(ms / 60_000));
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor((minutesTotal % 1440) / 60);
  const minutes = minutesTotal % 60;
  const unit = (value: number, u: "day" | "hour" | "minute") =>
    new Intl.NumberFormat(locale, {
      style: "unit",
      unit: u,
      unitDisplay: u === "day" ? "long" : "short",
    }).format(value);
  if (days > 0)
    return [unit(days, "day"), hours > 0 ? unit(hours, "hour") : null].filter(Boolean).join(" ");
  if (hours > 0)
    return [unit(hours, "hour"), minutes > 0 ? unit(minutes, "minute") : null]
      .filter(Boolean)
      .join(" ");
  return unit(minutes, "minute");
}
