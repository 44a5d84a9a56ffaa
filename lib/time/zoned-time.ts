import { TZDate, tzOffset } from "@date-fns/tz";

/**
 * Wall-clock times in a studio's time zone (pure; shared by the issue form's presets and CSV
 * import). The zone data comes from @date-fns/tz; the one decision it leaves open, which
 * instant a wall-clock time means when the clocks change, is made here, as RFC 5545 (iCalendar,
 * the guests' calendar apps) makes it:
 * - a time skipped by the spring jump (Berlin 02:30 on the last Sunday of March) is read with
 *   the offset before the jump, so it lands as long after the jump as it was meant after 02:00
 *   (03:30 summer time);
 * - a time that happens twice in autumn (Berlin 02:30 on the last Sunday of October) is the
 *   first one (summer time), so a window never starts an hour later than the studio wrote.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** `YYYY-MM-DD HH:mm` read as a wall-clock time in `timeZone`; null for impossible dates. */
export function parseZonedLocal(value: string, timeZone: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  // 2025-02-30 rolls into March; years below 100 are read as 19xx by Date.UTC.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  if (check.getUTCFullYear() !== year) return null;
  // No zone changes its offset twice within a day, so the offsets a day either side are the
  // only ones this wall time can carry.
  const before = offsetMs(timeZone, wall - DAY);
  const after = offsetMs(timeZone, wall + DAY);
  if (Number.isNaN(before) || Number.isNaN(after)) return null;
  const fits = [wall - before, wall - after]
    .filter((instant, i) => offsetMs(timeZone, instant) === (i === 0 ? before : after))
    .sort((a, b) => a - b);
  // Two fits: the repeated hour, take the first. None: the skipped hour, use the earlier offset.
  return new Date(fits[0] ?? wall - before);
}

/** The zone's offset from UTC at `at`, in ms (Berlin in summer: +2 h); NaN for an unknown zone. */
function offsetMs(timeZone: string, at: number): number {
  return tzOffset(timeZone, new Date(at)) * MINUTE;
}

/** The zone's calendar date at `at`, as `YYYY-MM-DD` (the studio's day, not the viewer's). */
export function zonedDate(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  if (Number.isNaN(local.getTime()) || Number.isNaN(local.getFullYear())) {
    throw new RangeError(`unknown time zone: ${timeZone}`);
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The instant of 23:59 on `now`'s day in `timeZone`. */
export function endOfDayIn(timeZone: string, now: Date): Date {
  return parseZonedLocal(`${zonedDate(now, timeZone)} 23:59`, timeZone) ?? now;
}
