import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { accessLinks, unlockAudit } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { cursorTime, decodeCursor, keysetPage, olderThan } from "@/lib/pagination/cursor";
import { log } from "@/lib/log/logger";
import { recordUnlockEvents } from "@/lib/webhooks/unlock-events";
import { auditDoorNamer } from "./door-names";

export { AUDIT_OUTCOME_FILTERS, auditQuerySchema, type AuditQuery } from "@/lib/schemas/audit";
import type { AuditQuery } from "@/lib/schemas/audit";

export type AuditEntry = {
  id: string;
  at: string;
  linkId: string | null;
  guestName: string | null;
  lockId: number | null;
  doorName: string | null;
  outcome: string;
  allowed: boolean;
  distanceM: number | null;
  accuracyM: number | null;
};

/**
 * Records one unlock attempt and, on the same transaction, its webhook events (unlock.allowed or
 * unlock.denied, visit.started): an event is sent only for an attempt the audit holds. The events
 * are written in a savepoint: should writing them fail, the attempt is still audited (every
 * attempt must be, SECURITY.md B-7) and the failure logged, rather than both being lost.
 */
export async function writeUnlockAudit(db: Db, row: typeof unlockAudit.$inferInsert) {
  await db.transaction(async (tx) => {
    const [written] = await tx.insert(unlockAudit).values(row).returning();
    if (!written) return;
    await tx
      .transaction((savepoint) => recordUnlockEvents(savepoint, written))
      .catch((error: unknown) =>
        log.error("unlock webhook events not written", { attemptId: written.id, error }),
      );
  });
}

/**
 * Unlock attempts of one studio (and optionally one of its links), newest first, by keyset
 * pagination on the raw `(created_at, id)` (lib/pagination/cursor.ts): new attempts arriving
 * while an admin pages back never shift or repeat entries, and each page is a range of the
 * `(studio_id | link_id, created_at DESC, id DESC)` index, as fast at a million rows as at ten.
 * Scoped by the audit row's own studio id, so another studio's attempts never appear, whatever
 * link id is asked for. `locale`: the reader's language, for the doors' display names
 * (default: the studio's language).
 */
export async function listUnlockAudit(
  db: Db,
  scope: { studioId: string; linkId?: string; locale?: Locale },
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    eq(unlockAudit.studioId, scope.studioId),
    scope.linkId ? eq(unlockAudit.linkId, scope.linkId) : undefined,
    query.outcome ? eq(unlockAudit.allowed, query.outcome === "allowed") : undefined,
    cursor ? olderThan(unlockAudit.createdAt, unlockAudit.id, cursor) : undefined,
  ];
  const rows = await db
    .select({
      id: unlockAudit.id,
      at: unlockAudit.createdAt,
      cursorAt: cursorTime(unlockAudit.createdAt),
      linkId: unlockAudit.linkId,
      guestName: accessLinks.guestName,
      lockId: unlockAudit.kisiLockId,
      outcome: unlockAudit.outcome,
      allowed: unlockAudit.allowed,
      distanceM: unlockAudit.distanceM,
      accuracyM: unlockAudit.accuracyM,
    })
    .from(unlockAudit)
    .leftJoin(
      accessLinks,
      and(eq(accessLinks.id, unlockAudit.linkId), eq(accessLinks.studioId, scope.studioId)),
    )
    .where(and(...conditions))
    .orderBy(desc(unlockAudit.createdAt), desc(unlockAudit.id))
    .limit(query.limit + 1);
  const doorName = await auditDoorNamer(db, scope.studioId, scope.locale);
  const { page, nextCursor } = keysetPage(rows, query.limit, (r) => ({
    at: r.cursorAt,
    id: r.id,
  }));
  return {
    items: page.map(({ cursorAt: _cursorAt, ...r }) => ({
      ...r,
      at: r.at.toISOString(),
      doorName: r.lockId === null ? null : doorName(r.lockId),
    })),
    nextCursor,
  };
}
