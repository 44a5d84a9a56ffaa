import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { accessLinks, unlockAudit } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { isUuid } from "@/lib/schemas/ids";
import { auditDoorNamer } from "./door-names";

export const AUDIT_OUTCOME_FILTERS = ["allowed", "denied"] as const;

/** GET …/activity and …/links/{linkId}/audit query. */
export const auditQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional(),
  outcome: z.enum(AUDIT_OUTCOME_FILTERS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

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
 * Unlock attempts of one studio (and optionally one of its links), newest first, by keyset
 * pagination: the cursor is the last entry's time and id, so new attempts arriving while an
 * admin pages back never shift or repeat entries. Scoped by the audit row's own studio id, so
 * another studio's attempts never appear, whatever link id is asked for. `locale`: the
 * reader's language, for the doors' display names (default: the studio's language).
 */
export async function listUnlockAudit(
  db: Db,
  scope: { studioId: string; linkId?: string; locale?: Locale },
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  // PostgreSQL keeps microseconds, a cursor carries milliseconds: order and compare on the
  // truncated time so no entry sharing a millisecond with the cursor is skipped.
  const at = sql<Date>`date_trunc('milliseconds', ${unlockAudit.createdAt})`;
  const conditions: (SQL | undefined)[] = [
    eq(unlockAudit.studioId, scope.studioId),
    scope.linkId ? eq(unlockAudit.linkId, scope.linkId) : undefined,
    query.outcome ? eq(unlockAudit.allowed, query.outcome === "allowed") : undefined,
    cursor
      ? sql`(${at}, ${unlockAudit.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`
      : undefined,
  ];
  const rows = await db
    .select({
      id: unlockAudit.id,
      at: unlockAudit.createdAt,
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
    .orderBy(desc(at), desc(unlockAudit.id))
    .limit(query.limit + 1);
  const doorName = await auditDoorNamer(db, scope.studioId, scope.locale);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      doorName: r.lockId === null ? null : doorName(r.lockId),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime()) || !isUuid(id)) return null;
  return { at, id };
}
