/**
 * The .ics calendar entry for a visit (RFC 5545), so the link is easy to find again on the day.
 *
 * Written by hand rather than through a generator package because the values come from studio
 * settings: the `ics` package put the organizer's name into `CN=` unescaped and let a lone CR
 * through its text escaping, so a studio name or address could add lines (or whole events) to
 * every guest's calendar entry. Here every property is escaped by its value type:
 * - TEXT (§3.3.11): `\` `;` `,` escaped, every line break (CRLF, CR, LF, U+2028/9) becomes the
 *   two characters `\n`, other control characters are dropped;
 * - parameter values (§3.2): always a quoted-string; DQUOTE and controls, which a quoted-string
 *   cannot carry, are dropped (line breaks become a space);
 * - URIs: ours, but checked to be free of controls and spaces all the same;
 * and content lines are folded at 75 octets without splitting a UTF-8 sequence (§3.1).
 * So nothing a value holds can start a content line of its own.
 */
import { tzOffset } from "@date-fns/tz";

export type VisitCalendarEvent = {
  uid: string;
  title: string;
  description: string;
  location: string | null;
  url: string;
  start: Date;
  end: Date;
  organizerName: string;
  /** The organizer's address (`mailto:`); without one there is no ORGANIZER (it requires one). */
  organizerEmail?: string | null;
  /**
   * A weekly schedule (access rules): the event is its first occurrence, repeated on `byDay`
   * until the window ends. Local times in the studio's zone (TZID), so the clock changes keep
   * the wall-clock hours, as the schedule means them.
   */
  weekly?: { timeZone: string; start: string; end: string; byDay: string[]; until: Date } | null;
  now?: Date;
};

export function visitCalendarEvent(input: VisitCalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Latchkey//Guest access//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    // RFC 5545 §3.2.19: every TZID used needs its VTIMEZONE, or strict clients drop the event.
    ...(input.weekly ? vtimezone(input.weekly.timeZone, input.start, input.weekly.until) : []),
    "BEGIN:VEVENT",
    `UID:${text(input.uid)}`,
    `DTSTAMP:${utc(input.now ?? new Date())}`,
    ...(input.weekly
      ? [
          `DTSTART;TZID=${param(input.weekly.timeZone)}:${input.weekly.start}`,
          `DTEND;TZID=${param(input.weekly.timeZone)}:${input.weekly.end}`,
          `RRULE:FREQ=WEEKLY;BYDAY=${input.weekly.byDay.join(",")};UNTIL=${utc(input.weekly.until)}`,
        ]
      : [`DTSTART:${utc(input.start)}`, `DTEND:${utc(input.end)}`]),
    `SUMMARY:${text(input.title)}`,
    `DESCRIPTION:${text(input.description)}`,
    ...(input.location ? [`LOCATION:${text(input.location)}`] : []),
    `URL:${uri(input.url)}`,
    ...(input.organizerEmail
      ? [`ORGANIZER;CN=${param(input.organizerName)}:${uri(`mailto:${input.organizerEmail}`)}`]
      : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The VTIMEZONE for `timeZone` over [from, until] (RFC 5545 §3.6.5): the offset in force before
 * `from`, then one observance per clock change in the window, found from the zone data
 * (@date-fns/tz) rather than a bundled table. Each change's DTSTART is the local time before it,
 * as the RFC defines; a window without a change has the one offset.
 */
export function vtimezone(timeZone: string, from: Date, until: Date): string[] {
  const offset = (at: number) => tzOffset(timeZone, new Date(at));
  // On the hour, so the narrowing below lands on the minute of the change itself.
  const start = Math.floor((from.getTime() - DAY) / HOUR) * HOUR;
  const first = offset(start);
  const lines = [
    "BEGIN:VTIMEZONE",
    `TZID:${text(timeZone)}`,
    ...observance("STANDARD", "19700101T000000", first, first),
  ];
  let before = first;
  // No zone changes its offset twice within six hours: step, then narrow to the minute.
  for (let at = start + 6 * HOUR; at <= until.getTime() + DAY; at += 6 * HOUR) {
    if (offset(at) === before) continue;
    let lo = at - 6 * HOUR;
    let hi = at;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offset(mid) === before) lo = mid;
      else hi = mid;
    }
    const after = offset(hi);
    const local = utc(new Date(hi + before * 60_000)).replace(/Z$/, "");
    lines.push(...observance(after > before ? "DAYLIGHT" : "STANDARD", local, before, after));
    before = after;
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

function observance(kind: string, dtstart: string, from: number, to: number): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    `TZOFFSETFROM:${utcOffset(from)}`,
    `TZOFFSETTO:${utcOffset(to)}`,
    `END:${kind}`,
  ];
}

/** Minutes east of UTC as RFC 5545's utc-offset: +0100, -0500, +0530. */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A TEXT value (RFC 5545 §3.3.11). */
export function text(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(LINE_BREAK, "\\n")
    .replace(CONTROL, "");
}

/** A parameter value, always quoted (RFC 5545 §3.2: QSAFE-CHAR excludes CONTROL and DQUOTE). */
export function param(value: string): string {
  return `"${value.replace(LINE_BREAK, " ").replace(CONTROL, "").replace(/"/g, "")}"`;
}

function uri(value: string): string {
  if (/[\s\u0000-\u001f\u007f"]/.test(value)) throw new Error("not a URI an .ics can carry");
  return value;
}

function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Folds a content line at 75 octets (CRLF + one space), never inside a UTF-8 sequence. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}
