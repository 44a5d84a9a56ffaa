import { z } from "zod";

/**
 * Free text from a person or a booking system, as every request body and query reads it.
 *
 * PostgreSQL refuses U+0000 in `text` (it answered a NUL in a link name with a 500), and a line
 * break inside what is meant to be one line ends up in places that are line-oriented: email
 * headers (the sender name), the .ics (studio name, address), CSV exports, log lines. So control
 * characters are refused at the boundary with one stable issue code, `controlCharacters`, instead
 * of being stripped silently (a name that changes on its way in surprises whoever typed it).
 *
 * - single line: every C0 control (tab, CR and LF included), DEL, C1 controls, the Unicode
 *   line/paragraph separators, and the bidirectional overrides and isolates (they can make one
 *   name read as another on a door button or in an email);
 * - multi-line: the same, except tab, CR and LF.
 */
export const CONTROL_CHARACTERS_ISSUE = "controlCharacters";

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const MULTI_LINE_FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function hasSingleLineControls(value: string): boolean {
  return SINGLE_LINE_FORBIDDEN.test(value);
}

export function hasMultiLineControls(value: string): boolean {
  return MULTI_LINE_FORBIDDEN.test(value);
}

/**
 * One line of text, trimmed, `min`–`max` characters (after trimming). The control check runs on
 * the raw value, before trimming, so a trailing "\n" is refused rather than trimmed away: it is
 * what a header-injection attempt looks like.
 */
export function singleLineText(opts: { min?: number; max: number }) {
  return checkedText(hasSingleLineControls, opts);
}

/** Text that may span lines (tab, CR and LF allowed); every other control is refused. */
export function multiLineText(opts: { min?: number; max: number }) {
  return checkedText(hasMultiLineControls, opts);
}

function checkedText(forbidden: (value: string) => boolean, opts: { min?: number; max: number }) {
  const trimmed = z
    .string()
    .refine((v) => !forbidden(v), { message: CONTROL_CHARACTERS_ISSUE, abort: true })
    .trim()
    .max(opts.max);
  return opts.min ? trimmed.min(opts.min) : trimmed;
}

/** An optional, clearable single-line setting (`null` clears it), as settings forms send. */
export function optionalLine(max: number) {
  return singleLineText({ max }).nullable().optional();
}
