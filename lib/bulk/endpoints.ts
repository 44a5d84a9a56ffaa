import "server-only";
import { ApiError } from "@/lib/api/errors";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import type { ServiceContext } from "@/lib/api/handle";
import type {
  bulkTemplate,
  createBulk,
  getBulk,
  previewBulk,
  retryBulk,
} from "@/lib/contracts/bulk";
import { csvDownload } from "@/lib/exports/csv-download";
import { translator } from "@/lib/i18n/translator";
import { createBatch, getStudioBatchOrThrow, retryFailedRows } from "./batches";
import { readBulkCsv, rowJson } from "./csv-request";
import { bulkTemplate as template } from "./validate-csv";
import { listPassTypes } from "@/lib/access-rules/pass-types";

/** Check a CSV without issuing anything: the rows that would be issued, and every bad row. */
export async function previewBulkService(ctx: ServiceContext<typeof previewBulk>) {
  const { db } = await ctx.deps();
  const { rows, errors, total } = await readBulkCsv(
    ctx.body,
    ctx.caller.studio,
    ctx.locale,
    await listPassTypes(db, ctx.caller.studio.id),
  );
  return { total, valid: rows.map(rowJson), errors };
}

/**
 * A link per CSV row, issued in the background. Any bad row refuses the whole file (422 with the
 * rows in `issues`) unless skipInvalid, which issues the good rows and reports the others.
 */
export async function createBulkService(ctx: ServiceContext<typeof createBulk>) {
  const { studio, userId } = ctx.caller;
  // Checked up front: otherwise every row would fail the same way, one by one.
  if (!studio.kisiCredentialId || !studio.kisiGroupId) throw new ApiError("studio_not_ready");
  const { db } = await ctx.deps();
  const { rows, errors } = await readBulkCsv(
    ctx.body,
    studio,
    ctx.locale,
    await listPassTypes(db, studio.id),
  );
  if ((errors.length && !ctx.query.skipInvalid) || rows.length === 0) {
    throw new ApiError("validation_failed", {
      issues: errors.map((e) => ({
        path: `row ${e.row}${e.field ? `.${e.field}` : ""}`,
        message: e.message,
      })),
    });
  }
  const batch = await createBatch(db, { studioId: studio.id, createdBy: userId, rows });
  return {
    id: batch.id,
    status: "queued" as const,
    total: batch.total,
    skipped: errors.map((e) => e.row),
  };
}

/** A batch's progress and each row's result, the reason in the caller's language. */
export async function getBulkService(ctx: ServiceContext<typeof getBulk>) {
  const { db } = await ctx.deps();
  const { batch, rows } = await getStudioBatchOrThrow(db, ctx.caller.studio.id, ctx.params.batchId);
  const t = await translator(ctx.locale, "Errors");
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return {
    id: batch.id,
    status: batch.status,
    total: batch.total,
    issued: count("issued"),
    failed: count("failed"),
    pending: count("pending"),
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    rows: rows.map((r) => ({
      row: r.row,
      name: r.guestName,
      status: r.status,
      linkId: r.linkId,
      error: r.errorCode
        ? {
            code: r.errorCode,
            message: t(
              (ERROR_CODES[r.errorCode as ErrorCode] ?? ERROR_CODES.internal_error).message,
            ),
          }
        : null,
    })),
  };
}

/** Queue the failed rows again; each keeps its idempotency key (never two links for a row). */
export async function retryBulkService(ctx: ServiceContext<typeof retryBulk>) {
  const { db } = await ctx.deps();
  const { batch } = await getStudioBatchOrThrow(db, ctx.caller.studio.id, ctx.params.batchId);
  return { id: batch.id, retried: await retryFailedRows(db, batch.id) };
}

/** A CSV to fill in: the header and two example rows. */
export async function bulkTemplateService(_ctx: ServiceContext<typeof bulkTemplate>) {
  return csvDownload("latchkey-bulk-template.csv", [template()].values(), { bom: true });
}
