import "server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { readBodyBytes } from "@/lib/api/handler";
import type { studios } from "@/lib/db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { MAX_BULK_BYTES, validateBulkCsv, type BulkRow } from "./validate-csv";

export type LocalizedRowError = {
  row: number;
  field: string | null;
  code: string;
  message: string;
};

/**
 * Reads a CSV upload (text/csv or text/plain, UTF-8, at most MAX_BULK_BYTES) and validates it
 * for the studio. A file that cannot be used at all is an ApiError; bad rows come back with
 * their code and a message in the caller's language.
 */
export async function readBulkCsv(
  req: NextRequest,
  studio: typeof studios.$inferSelect,
  locale: Locale,
): Promise<{ rows: BulkRow[]; errors: LocalizedRowError[]; total: number }> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^text\/(csv|plain)(\s*;|$)/i.test(type)) throw new ApiError("unsupported_media_type");
  const bytes = await readBodyBytes(req, MAX_BULK_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("csv_malformed");
  }
  const result = validateBulkCsv(text, {
    timeZone: studio.timeZone,
    defaultLocale: isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE,
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
  };
}
