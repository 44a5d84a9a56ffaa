import { z } from "zod";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { MAX_BULK_BYTES, MAX_BULK_ROWS } from "@/lib/schemas/bulk";
import { EXTERNAL_REF_MAX, windowProblems } from "@/lib/schemas/links";
import { hasSingleLineControls } from "@/lib/schemas/text";
import { CsvSyntaxError, parseCsv } from "./csv";
import { parseZonedLocal } from "@/lib/time/zoned-time";
import { rulesWindowIssues, type LinkRules } from "@/lib/access-rules/schema";

export const BULK_COLUMNS = [
  "name",
  "email",
  "language",
  "valid_from",
  "valid_until",
  "external_ref",
  "pass_type",
] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];
/** Columns a file must have; `email`, `language`, `external_ref` and `pass_type` may be left out entirely. */
const REQUIRED_COLUMNS: readonly BulkColumn[] = ["name", "valid_from", "valid_until"];

export { MAX_BULK_BYTES, MAX_BULK_ROWS };

/** Stable per-row codes (the API's `code`, and keys of the BulkRowErrors messages). */
export const ROW_ERROR_CODES = [
  "columnCount",
  "controlCharacters",
  "nameRequired",
  "nameTooLong",
  "emailInvalid",
  "languageInvalid",
  "dateRequired",
  "dateInvalid",
  "untilBeforeFrom",
  "untilInPast",
  "windowTooLong",
  "externalRefTooLong",
  "externalRefRepeated",
  "passTypeUnknown",
  "durationExceedsWindow",
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** Problems with the file as a whole, each an API error code. */
export type FileProblem =
  "csv_empty" | "csv_malformed" | "csv_missing_columns" | "csv_too_many_rows";

/** `row` counts lines as a spreadsheet shows them: the header is row 1. */
export type BulkRow = {
  row: number;
  name: string;
  email: string | null;
  locale: Locale;
  validFrom: Date;
  validUntil: Date;
  externalRef: string | null;
  /** The pass type named in `pass_type` (its id and a copy of its rules), or null. */
  passType?: { id: string; rules: LinkRules } | null;
};
/** A studio pass type as the CSV may name it: by name (any case) or by id. */
export type CsvPassType = { id: string; name: string; rules: LinkRules; locale: Locale | null };
export type RowError = { row: number; field: BulkColumn | null; code: RowErrorCode };

export type ValidatedCsv =
  | { ok: true; rows: BulkRow[]; errors: RowError[]; total: number }
  | { ok: false; problem: FileProblem; missing?: BulkColumn[] };

const nameSchema = z.string().trim().min(1).max(120);
const emailSchema = z.email().max(254);
const localeSchema = z.enum(LOCALES);
const isoInstant = z.iso.datetime({ offset: true });
const externalRefSchema = z.string().max(EXTERNAL_REF_MAX);

/**
 * Reads a bulk-issue CSV (header `name,email,language,valid_from,valid_until[,external_ref][,pass_type]`,
 * any order, any case) and checks every row with the rules single issuing uses (lib/schemas/links.ts), so a
 * row that passes here is one `POST /links` would accept. Times are ISO 8601 with an offset,
 * or `YYYY-MM-DD HH:mm` in the studio's time zone. Every bad field of every row is reported,
 * so one preview shows all there is to fix.
 */
export function validateBulkCsv(
  text: string,
  options: { timeZone: string; defaultLocale: Locale; now?: number; passTypes?: CsvPassType[] },
): ValidatedCsv {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, problem: "csv_malformed" };
    throw error;
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) return { ok: false, problem: "csv_empty" };
  if (data.length > MAX_BULK_ROWS) return { ok: false, problem: "csv_too_many_rows" };
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return { ok: false, problem: "csv_missing_columns", missing };
  const index = Object.fromEntries(BULK_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    BulkColumn,
    number
  >;

  const rows: BulkRow[] = [];
  const errors: RowError[] = [];
  // A reference names one booking: twice in one file would make the second row a 409 later.
  const refsSeen = new Set<string>();
  data.forEach((record, i) => {
    const row = i + 2;
    const rowErrors: RowError[] = [];
    const fail = (field: BulkColumn | null, code: RowErrorCode) =>
      rowErrors.push({ row, field, code });
    if (record.length !== header.length) {
      fail(null, "columnCount");
      errors.push(...rowErrors);
      return;
    }
    // Every cell is one line of a guest list: a NUL (which PostgreSQL refuses) or a line break
    // inside a quoted cell is flagged on its column, and the row is never echoed back as valid.
    const controlled = record.findIndex((value) => hasSingleLineControls(value));
    if (controlled >= 0) {
      const column = BULK_COLUMNS.find((c) => index[c] === controlled) ?? null;
      fail(column, "controlCharacters");
      errors.push(...rowErrors);
      return;
    }
    const cell = (c: BulkColumn) => (index[c] < 0 ? "" : (record[index[c]] ?? "").trim());

    const name = nameSchema.safeParse(cell("name"));
    if (!name.success) fail("name", cell("name") === "" ? "nameRequired" : "nameTooLong");
    const rawEmail = cell("email");
    const email = rawEmail === "" ? null : emailSchema.safeParse(rawEmail);
    if (email && !email.success) fail("email", "emailInvalid");
    const rawLocale = cell("language").toLowerCase();
    const locale = rawLocale === "" ? null : localeSchema.safeParse(rawLocale);
    if (locale && !locale.success) fail("language", "languageInvalid");
    const from = readTime(cell("valid_from"), options.timeZone);
    if (typeof from === "string") fail("valid_from", from);
    const until = readTime(cell("valid_until"), options.timeZone);
    if (typeof until === "string") fail("valid_until", until);
    if (from instanceof Date && until instanceof Date) {
      const problem = windowProblems({ validFrom: from, validUntil: until }, options.now);
      if (problem) fail("valid_until", problem as RowErrorCode);
    }
    const rawRef = cell("external_ref");
    if (!externalRefSchema.safeParse(rawRef).success) fail("external_ref", "externalRefTooLong");
    else if (rawRef !== "" && refsSeen.has(rawRef)) fail("external_ref", "externalRefRepeated");
    if (rawRef !== "") refsSeen.add(rawRef);
    const rawPassType = cell("pass_type");
    const passType =
      rawPassType === ""
        ? null
        : (options.passTypes?.find(
            (p) => p.id === rawPassType || p.name.toLowerCase() === rawPassType.toLowerCase(),
          ) ?? "unknown");
    if (passType === "unknown") fail("pass_type", "passTypeUnknown");
    else if (passType && from instanceof Date && until instanceof Date) {
      // The same check as explicit rules on POST /links: a 24 h pass on a 12 h window is refused.
      if (rulesWindowIssues(passType.rules, { validFrom: from, validUntil: until }).length)
        fail("pass_type", "durationExceedsWindow");
    }
    if (rowErrors.length || !name.success || !(from instanceof Date) || !(until instanceof Date)) {
      errors.push(...rowErrors);
      return;
    }
    rows.push({
      row,
      name: name.data,
      email: email?.success ? email.data : null,
      locale: locale?.success
        ? locale.data
        : (passType !== "unknown" && passType?.locale) || options.defaultLocale,
      validFrom: from,
      validUntil: until,
      externalRef: rawRef === "" ? null : rawRef,
      ...(passType && passType !== "unknown"
        ? { passType: { id: passType.id, rules: passType.rules } }
        : {}),
    });
  });
  return { ok: true, rows, errors, total: data.length };
}

function readTime(value: string, timeZone: string): Date | "dateRequired" | "dateInvalid" {
  if (value === "") return "dateRequired";
  if (isoInstant.safeParse(value).success) return new Date(value);
  return parseZonedLocal(value, timeZone) ?? "dateInvalid";
}

/** A template to fill in: the header and two example rows, starting tomorrow. */
export function bulkTemplate(now = new Date()): string {
  const day = (offset: number) =>
    new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return [
    BULK_COLUMNS.join(","),
    // pass_type left empty: the studio's pass types are named by the studio.
    `Jane Guest,jane@example.com,en,${day(1)} 09:00,${day(1)} 18:00,booking-1001,`,
    `"Doe, John",,de,${day(1)}T09:00:00+01:00,${day(8)}T09:00:00+01:00,,`,
    "",
  ].join("\r\n");
}
