import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import {
  BULK_BATCH_STATUSES,
  BULK_CSV_UPLOAD,
  BULK_ROW_STATUSES,
  bulkIssueQuerySchema,
} from "@/lib/schemas/bulk";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, studioStaff, studioParams } from "./shared";

const batchParams = z.object({ studioId: z.string(), batchId: z.string() });

/** Why a file cannot be used at all; bad rows are reported one by one instead. */
const CSV_ERRORS = [
  "unsupported_media_type",
  "payload_too_large",
  "csv_empty",
  "csv_malformed",
  "csv_missing_columns",
  "csv_too_many_rows",
] as const;

const rowError = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  code: z.string().meta({ description: "Stable, e.g. `controlCharacters`, `untilBeforeFrom`." }),
  message: z.string(),
});

export const previewBulk = defineContract({
  id: "bulk.preview",
  method: "POST",
  path: "/api/studios/{studioId}/links/bulk/preview",
  summary: "Check a CSV without issuing anything",
  description: "The rows that would be issued, and every bad row with its field, code and message.",
  caller: studioStaff,
  params: studioParams,
  upload: BULK_CSV_UPLOAD,
  success: {
    status: 200,
    schema: z.object({
      total: z.number().int(),
      valid: z.array(
        z.object({
          row: z.number().int(),
          name: z.string(),
          email: z.string().nullable(),
          locale: z.enum(LOCALES),
          validFrom: isoInstant,
          validUntil: isoInstant,
          externalRef: z.string().nullable(),
          passTypeId: z.uuid().nullable(),
        }),
      ),
      errors: z.array(rowError),
    }),
  },
  errors: [...STUDIO_ERRORS, ...CSV_ERRORS],
  internal: true,
});

export const createBulk = defineContract({
  id: "bulk.create",
  method: "POST",
  path: "/api/studios/{studioId}/links/bulk",
  summary: "Issue a link per CSV row, in the background",
  description:
    "Poll the batch for progress. Any bad row refuses the whole file (422 with the rows in " +
    "`issues`) unless `skipInvalid=true`, which issues the good rows and lists the others in " +
    "`skipped`.",
  caller: studioStaff,
  params: studioParams,
  query: bulkIssueQuerySchema,
  upload: BULK_CSV_UPLOAD,
  success: {
    status: 201,
    schema: z.object({
      id: z.string(),
      status: z.literal("queued"),
      total: z.number().int(),
      skipped: z.array(z.number().int()),
    }),
  },
  errors: [...STUDIO_ERRORS, ...CSV_ERRORS, "validation_failed", "studio_not_ready"],
  internal: true,
});

export const getBulk = defineContract({
  id: "bulk.get",
  method: "GET",
  path: "/api/studios/{studioId}/links/bulk/{batchId}",
  summary: "A batch's progress and each row's result",
  description: "The issued link's id, or why the row failed (in the caller's language).",
  caller: studioStaff,
  params: batchParams,
  success: {
    status: 200,
    schema: z.object({
      id: z.string(),
      status: z.enum(BULK_BATCH_STATUSES),
      total: z.number().int(),
      issued: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
      createdAt: isoInstant,
      finishedAt: isoInstant.nullable(),
      rows: z.array(
        z.object({
          row: z.number().int(),
          name: z.string(),
          status: z.enum(BULK_ROW_STATUSES),
          linkId: z.string().nullable(),
          error: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    }),
  },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const retryBulk = defineContract({
  id: "bulk.retry",
  method: "POST",
  path: "/api/studios/{studioId}/links/bulk/{batchId}/retry",
  summary: "Queue a batch's failed rows again",
  description: "Each keeps its idempotency key, so no row can end up with two links.",
  caller: studioStaff,
  params: batchParams,
  success: { status: 200, schema: z.object({ id: z.string(), retried: z.number().int() }) },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const bulkTemplate = defineContract({
  id: "bulk.template",
  method: "GET",
  path: "/api/studios/{studioId}/links/bulk/template",
  summary: "A CSV to fill in: the header and two example rows",
  caller: studioStaff,
  params: studioParams,
  success: { status: 200, media: "text/csv" },
  errors: STUDIO_ERRORS,
  internal: true,
});
