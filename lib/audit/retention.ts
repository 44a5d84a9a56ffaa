import "server-only";
import { eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { organizations, studios } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import { every } from "@/lib/jobs/every";

/**
 * Audit retention: an organization may keep its unlock audit for a number of months (null, the
 * default, keeps everything). Older rows are deleted by the background jobs in small batches —
 * each batch its own short statement over at most BATCH rows, claimed with SKIP LOCKED — so
 * pruning a year of a franchise's attempts never holds a long lock and several instances share
 * the work instead of queueing behind each other. Owners and managers can download the audit as
 * CSV first (lib/audit/export-csv.ts).
 */
export const BATCH = 2_000;
/** Per run and studio: a backlog is worked off over several runs rather than in one long burst. */
const MAX_BATCHES = 25;

export async function getAuditRetention(db: Db, organizationId: string): Promise<number | null> {
  const [row] = await db
    .select({ months: organizations.auditRetentionMonths })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.months ?? null;
}

export async function setAuditRetention(
  db: Db,
  organizationId: string,
  months: number | null,
): Promise<void> {
  await db
    .update(organizations)
    .set({ auditRetentionMonths: months, updatedAt: new Date() })
    .where(eq(organizations.id, organizationId));
}

/** How long attempts with an unknown token (no studio, no organization) are kept. */
export const UNKNOWN_TOKEN_RETENTION_MONTHS = 3;

/** Deletes audit rows older than each organization's retention; returns how many, per studio. */
export async function pruneAuditByRetention(
  db: Db,
  options: { now?: Date; batchSize?: number; maxBatches?: number } = {},
): Promise<{ deleted: number; studios: number }> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? BATCH;
  const maxBatches = options.maxBatches ?? MAX_BATCHES;
  const scopes = await db
    .select({ studioId: studios.id, months: organizations.auditRetentionMonths })
    .from(studios)
    .innerJoin(organizations, eq(organizations.id, studios.organizationId))
    .where(isNotNull(organizations.auditRetentionMonths));
  let deleted = 0;
  // Attempts with an unknown token belong to no studio and so to no organization's setting; they
  // hold only an address hash and a user agent, and are kept for a fixed few months.
  const orphans = { studioId: null, months: UNKNOWN_TOKEN_RETENTION_MONTHS };
  for (const { studioId, months } of [...scopes, orphans]) {
    // Calendar months on the database's clock arithmetic: 13 months before 31 March is 28/29 Feb.
    const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(months => ${months})`;
    for (let batch = 0; batch < maxBatches; batch++) {
      // The inner select is a range of (studio_id, created_at DESC, id DESC): no table scan.
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`with doomed as (
              select id from unlock_audit
              where ${studioId === null ? sql`studio_id is null` : sql`studio_id = ${studioId}`}
                and created_at < ${cutoff}
              limit ${batchSize} for update skip locked
            ), gone as (
              delete from unlock_audit where id in (select id from doomed) returning 1
            )
            select count(*)::int as n from gone`,
      );
      const n = Number(row?.n ?? 0);
      deleted += n;
      if (n < batchSize) break;
    }
  }
  return { deleted, studios: scopes.length };
}

/**
 * Runs the pruning now and then every `intervalMs`. On PGlite, which has no autovacuum, the run
 * also refreshes the planner's statistics of the tables that grow, so plans stay index-served.
 */
export function startAuditRetention(
  db: Db,
  options: { intervalMs?: number; analyze?: boolean } = {},
): () => Promise<void> {
  return every(
    options.intervalMs ?? 60 * 60 * 1000,
    "pruning the unlock audit",
    async () => {
      const pruned = await pruneAuditByRetention(db);
      if (pruned.deleted > 0) log.info("pruned unlock audit past retention", pruned);
      if (options.analyze) await db.execute(sql`analyze unlock_audit, access_links, email_outbox`);
    },
    { runNow: true, errorLevel: "warn" },
  );
}
