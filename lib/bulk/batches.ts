import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { bulkBatches, bulkBatchRows } from "@/lib/db/schema";
import type { BulkRow } from "./validate-csv";
import { isUuid } from "@/lib/schemas/ids";

/** Stores a validated batch and its rows in one transaction; the bulk worker takes it from there. */
export async function createBatch(
  db: Db,
  input: { studioId: string; createdBy?: string; rows: BulkRow[] },
): Promise<{ id: string; total: number }> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(bulkBatches)
      .values({
        studioId: input.studioId,
        createdBy: input.createdBy ?? null,
        total: input.rows.length,
      })
      .returning({ id: bulkBatches.id });
    await tx.insert(bulkBatchRows).values(
      input.rows.map((r) => ({
        batchId: batch!.id,
        row: r.row,
        guestName: r.name,
        guestEmail: r.email,
        locale: r.locale,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        externalRef: r.externalRef,
        passTypeId: r.passType?.id ?? null,
        rules: r.passType?.rules ?? null,
      })),
    );
    return { id: batch!.id, total: input.rows.length };
  });
}

/** A batch of this studio with its rows, or 404 (also for another studio's batch). */
export async function getStudioBatchOrThrow(db: Db, studioId: string, batchId: string) {
  if (!isUuid(batchId)) throw new ApiError("not_found");
  const [batch] = await db
    .select()
    .from(bulkBatches)
    .where(and(eq(bulkBatches.id, batchId), eq(bulkBatches.studioId, studioId)));
  if (!batch) throw new ApiError("not_found");
  const rows = await db
    .select()
    .from(bulkBatchRows)
    .where(eq(bulkBatchRows.batchId, batchId))
    .orderBy(asc(bulkBatchRows.row));
  return { batch, rows };
}

/**
 * Puts a batch's failed rows back in the queue. Each keeps its idempotency key, so a row whose
 * link did reach Kisi after all is answered with that link, never a second one.
 */
export async function retryFailedRows(db: Db, batchId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const retried = await tx
      .update(bulkBatchRows)
      .set({ status: "pending", errorCode: null, updatedAt: new Date() })
      .where(and(eq(bulkBatchRows.batchId, batchId), eq(bulkBatchRows.status, "failed")))
      .returning({ row: bulkBatchRows.row });
    if (retried.length > 0) {
      await tx
        .update(bulkBatches)
        .set({ status: "queued", finishedAt: null, updatedAt: sql`now()` })
        .where(eq(bulkBatches.id, batchId));
    }
    return retried.length;
  });
}
