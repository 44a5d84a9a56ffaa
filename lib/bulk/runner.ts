import "server-only";
import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { isApiError } from "@/lib/api/errors";
import { bulkBatches, bulkBatchRows } from "@/lib/db/schema";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import {
  issueLink,
  openIssuingStudio,
  type IssueDeps,
  type IssuingStudio,
} from "@/lib/links/issue-link";
import { log } from "@/lib/log/logger";
import { every } from "@/lib/jobs/every";

export type BulkDeps = IssueDeps & { now?: () => Date; leaseMs?: number };

/** Long enough for one row (Kisi's 10 s write timeout plus waiting in the key's lane). */
const DEFAULT_LEASE_MS = 30_000;

export function bulkIdempotencyKey(batchId: string, row: number): string {
  return `bulk:${batchId}:${row}`;
}

/**
 * Runs one batch until no row is pending. Each row goes through the ordinary `issueLink`, so it
 * is paced by the Kisi client's per-key lane (Kisi allows ~5 requests/s) like any other issue,
 * and its email goes through the outbox. The idempotency key per row means that a process dying
 * between Kisi's answer and the row's update costs nothing: the next run gets the same link back.
 *
 * Returns false when another runner holds the batch (its lease has not run out). `signal`
 * stops between rows, leaving the lease to expire as a crash would.
 */
export async function runBatch(
  deps: BulkDeps,
  batchId: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const now = () => deps.now?.() ?? new Date();
  const lease = () => new Date(now().getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS));
  const [batch] = await deps.db
    .update(bulkBatches)
    .set({ status: "running", leaseUntil: lease(), updatedAt: now() })
    .where(
      and(
        eq(bulkBatches.id, batchId),
        inArray(bulkBatches.status, ["queued", "running"]),
        or(isNull(bulkBatches.leaseUntil), lt(bulkBatches.leaseUntil, now())),
      ),
    )
    .returning();
  if (!batch) return false;

  // The studio and its opened Kisi key, read once for the batch rather than once per row.
  let issuing: IssuingStudio | undefined;
  for (;;) {
    if (signal?.aborted) return true;
    const [row] = await deps.db
      .select()
      .from(bulkBatchRows)
      .where(and(eq(bulkBatchRows.batchId, batchId), eq(bulkBatchRows.status, "pending")))
      .orderBy(asc(bulkBatchRows.row))
      .limit(1);
    if (!row) break;
    let result: Partial<typeof bulkBatchRows.$inferInsert>;
    try {
      issuing ??= await openIssuingStudio(deps, batch.studioId);
      const { link } = await issueLink(
        deps,
        {
          studioId: batch.studioId,
          guestName: row.guestName,
          guestEmail: row.guestEmail,
          locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
          validFrom: row.validFrom,
          validUntil: row.validUntil,
          sendEmail: row.guestEmail !== null,
          idempotencyKey: bulkIdempotencyKey(batchId, row.row),
          externalRef: row.externalRef,
          rules: row.rules,
          passTypeId: row.passTypeId,
          createdBy: batch.createdBy ?? undefined,
        },
        issuing,
      );
      result = { status: "issued", linkId: link.id, errorCode: null };
    } catch (error) {
      // The failure may be the studio's (its key replaced or refused, its group changed): the
      // next row reads the studio afresh instead of trusting what this batch read first.
      issuing = undefined;
      const code = isApiError(error) ? error.code : "internal_error";
      if (code === "internal_error") log.error("bulk row failed", { batchId, row: row.row, error });
      result = { status: "failed", errorCode: code };
    }
    await deps.db
      .update(bulkBatchRows)
      .set({ ...result, attempts: row.attempts + 1, updatedAt: now() })
      .where(and(eq(bulkBatchRows.batchId, batchId), eq(bulkBatchRows.row, row.row)));
    await deps.db
      .update(bulkBatches)
      .set({ leaseUntil: lease(), updatedAt: now() })
      .where(eq(bulkBatches.id, batchId));
  }
  // Only a batch still `running` is finished: one re-queued by "retry failed rows" meanwhile
  // keeps its status and runs again.
  await deps.db
    .update(bulkBatches)
    .set({ status: "done", leaseUntil: null, finishedAt: now(), updatedAt: now() })
    .where(and(eq(bulkBatches.id, batchId), eq(bulkBatches.status, "running")));
  return true;
}

/** Batches waiting for a runner: queued, or running under a lease that ran out (a crash). */
export async function runDueBatches(deps: BulkDeps, signal?: AbortSignal): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const due = await deps.db
    .select({ id: bulkBatches.id })
    .from(bulkBatches)
    .where(
      and(
        inArray(bulkBatches.status, ["queued", "running"]),
        or(isNull(bulkBatches.leaseUntil), lt(bulkBatches.leaseUntil, now)),
      ),
    )
    .orderBy(asc(bulkBatches.createdAt))
    .limit(5);
  let ran = 0;
  for (const { id } of due) {
    if (signal?.aborted) break;
    if (await runBatch(deps, id, signal)) ran++;
  }
  return ran;
}

/**
 * Every instance polls for due batches (a cheap indexed query), so a batch starts within
 * `intervalMs` of being stored and one left behind by a crash resumes once its lease ends.
 */
export function startBulkWorker(deps: BulkDeps, intervalMs = 1_000): () => Promise<void> {
  return every(intervalMs, "bulk worker pass", (signal) => runDueBatches(deps, signal));
}
