import { z } from "zod";

/**
 * The bulk-issue API's shapes and limits, without the CSV parser or the database schema, so the
 * browser's contracts can name them.
 */
export const BULK_BATCH_STATUSES = ["queued", "running", "done"] as const;
export const BULK_ROW_STATUSES = ["pending", "issued", "failed"] as const;

export const MAX_BULK_ROWS = 500;
/** 500 rows of generous width; anything larger is not a guest list. */
export const MAX_BULK_BYTES = 256 * 1024;

/** A spreadsheet program's export says text/csv; a pasted list or a plain editor, text/plain. */
export const BULK_CSV_UPLOAD = {
  media: ["text/csv", "text/plain"],
  maxBytes: MAX_BULK_BYTES,
} as const;

export const bulkIssueQuerySchema = z.object({
  skipInvalid: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({ description: "Issue the good rows and report the others, instead of refusing all." }),
});
