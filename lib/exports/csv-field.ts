/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`:
 * guest, door and studio names are typed by people, and an export must not execute them.
 * Numbers are written as they are (a negative distance is not a formula).
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
