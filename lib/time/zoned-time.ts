/**
 * Wall-clock times in a studio's time zone (pure; shared by the issue form's presets and CSV import).
 *
 * `YYYY-MM-DD HH:mm` read as a wall-clock time in an IANA time zone (the studio's), without a
 * date library: find the zone's offset at that moment with Intl, then correct once more so a
 * time just after a DST change lands on the right side. A time skipped by a DST jump resolves
 * to the instant one offset later, as calendar apps do. Returns null for impossible dates.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

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
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // 2025-02-30
  let instant = asUtc - offsetMs(asUtc, timeZone);
  instant = asUtc - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** The zone's offset from UTC at `at`, in ms (Berlin in summer: +2 h). */
function offsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The zone's calendar date at `at`, as `YYYY-MM-DD` (the studio's day, not the viewer's). */
export function zonedDate(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The instant of 23:59 on `now`'s day in `timeZone`. */
export function endOfDayIn(timeZone: string, now: Date): Date {
  return parseZonedLocal(`${zonedDate(now, timeZone)} 23:59`, timeZone) ?? now;
}
