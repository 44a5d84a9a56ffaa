import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { studios } from "@/lib/db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { validateBulkCsv, type BulkRow, type CsvPassType } from "./validate-csv";

export type LocalizedRowError = {
  row: number;
  field: string | null;
  code: string;
  message: string;
};

/**
 * Validates a CSV upload for the studio (handle() checked its type, text/csv or text/plain, and
 * its size, BULK_CSV_UPLOAD). A file that cannot be used at all (not UTF-8, no rows, columns
 * missing) is an ApiError; bad rows come back with their code and a message in the caller's
 * language.
 */
export async function readBulkCsv(
  bytes: Buffer,
  studio: typeof studios.$inferSelect,
  locale: Locale,
  /** The studio's pass types, for the `pass_type` column (lib/access-rules/pass-types.ts). */
  passTypes: CsvPassType[] = [],
): Promise<{ rows: BulkRow[]; errors: LocalizedRowError[]; total: number }> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("csv_malformed");
  }
  const result = validateBulkCsv(text, {
    timeZone: studio.timeZone,
    defaultLocale: isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE,
    passTypes,
  });
  if (!result.ok) {
    throw new ApiError(result.problem, {
      issues: result.missing?.map((column) => ({ path: column, message: "missingColumn" })),
    });
  }
  const t = await translator(locale, "BulkRowErrors");
  return {
    rows: result.rows,
    total: result.total,
    errors: result.errors.map((e) => ({ ...e, message: t(e.code) })),
  };
}

/** A row as the API shows it (dates as ISO strings). */
export function rowJson(r: BulkRow) {
  return {
    row: r.row,
    name: r.name,
    email: r.email,
    locale: r.locale,
    validFrom: r.validFrom.toISOString(),
    validUntil: r.validUntil.toISOString(),
    externalRef: r.externalRef,
    passTypeId: r.passType?.id ?? null,
  };
}
