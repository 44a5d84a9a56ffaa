import "server-only";
import { and, desc, eq, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { staffAudit, type StaffChangeFields, type studios } from "@/lib/db/schema";
import { cursorTime, decodeCursor, keysetPage, olderThan } from "@/lib/pagination/cursor";

export { staffAuditQuerySchema, type StaffAuditQuery } from "@/lib/schemas/staff-audit";
import type { StaffAuditQuery } from "@/lib/schemas/staff-audit";

export type StaffAuditEntry = {
  id: string;
  at: string;
  kind: string;
  action: string;
  subject: string | null;
  actor: { kind: string; userId: string | null; name: string | null };
  changes: StaffChangeFields;
  ipHash: string | null;
};

/**
 * What a viewer of one studio's audit sees: that studio's changes, and — for owners, who alone
 * change them — the organization-wide ones (brand templates).
 */
export type StaffAuditScope = {
  studio: typeof studios.$inferSelect;
  includeOrganization: boolean;
};

function scopeCondition(scope: StaffAuditScope): SQL {
  const own = eq(staffAudit.studioId, scope.studio.id);
  if (!scope.includeOrganization) return own;
  return or(
    own,
    and(eq(staffAudit.organizationId, scope.studio.organizationId), isNull(staffAudit.studioId)),
  )!;
}

/**
 * Newest first, by keyset pagination on raw (created_at, id), so changes made while someone
 * pages back never shift or repeat entries, even when several share a millisecond.
 */
export async function listStaffAudit(
  db: Db,
  scope: StaffAuditScope,
  query: StaffAuditQuery,
): Promise<{ items: StaffAuditEntry[]; nextCursor: string | null }> {
  // The one cursor rule (lib/pagination/cursor.ts): raw (created_at, id) to the microsecond, a
  // bad cursor is 400, never a silent restart.
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    scopeCondition(scope),
    query.kind ? eq(staffAudit.kind, query.kind) : undefined,
    query.actor ? actorCondition(query.actor) : undefined,
    cursor ? olderThan(staffAudit.createdAt, staffAudit.id, cursor) : undefined,
  ];
  const rows = await db
    .select({ row: staffAudit, cursorAt: cursorTime(staffAudit.createdAt) })
    .from(staffAudit)
    .where(and(...conditions))
    .orderBy(desc(staffAudit.createdAt), desc(staffAudit.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keysetPage(rows, query.limit, (r) => ({
    at: r.cursorAt,
    id: r.row.id,
  }));
  return { items: page.map((r) => toEntry(r.row)), nextCursor };
}

/** `system`, `api_token`, or a user id. */
function actorCondition(actor: string): SQL {
  if (actor === "system" || actor === "api_token") return eq(staffAudit.actorKind, actor);
  return eq(staffAudit.actorUserId, actor);
}

/** The people who appear in this audit, for the filter. */
export async function staffAuditActors(db: Db, scope: StaffAuditScope) {
  const rows = await db
    .selectDistinctOn([staffAudit.actorUserId], {
      userId: staffAudit.actorUserId,
      name: staffAudit.actorName,
    })
    .from(staffAudit)
    .where(and(scopeCondition(scope), eq(staffAudit.actorKind, "user")))
    .orderBy(staffAudit.actorUserId, desc(staffAudit.createdAt));
  return rows
    .filter((r): r is { userId: string; name: string | null } => r.userId !== null)
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
}

function toEntry(row: typeof staffAudit.$inferSelect): StaffAuditEntry {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    kind: row.kind,
    action: row.action,
    subject: row.subject,
    actor: { kind: row.actorKind, userId: row.actorUserId, name: row.actorName },
    changes: row.changes,
    ipHash: row.ipHash,
  };
}

/** Every entry matching the filters, oldest last, in pages: the CSV export streams these. */
export async function* allStaffAudit(
  db: Db,
  scope: StaffAuditScope,
  filters: Pick<StaffAuditQuery, "kind" | "actor">,
): AsyncGenerator<StaffAuditEntry> {
  let cursor: string | undefined;
  do {
    const page = await listStaffAudit(db, scope, { ...filters, cursor, limit: 100 });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
