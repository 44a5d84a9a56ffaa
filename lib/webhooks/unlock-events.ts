import "server-only";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import { auditDoorNamer } from "@/lib/audit/door-names";
import { accessLinks, studios, unlockAudit } from "@/lib/db/schema";
import { linkRef, recordWebhookEvent, studioRef, type Tx } from "./record";

type AuditRow = typeof unlockAudit.$inferSelect;

/**
 * Whether this successful unlock begins a visit (the check-in a booking system records): the
 * link had no other successful unlock within the studio's visit length before it. The visit
 * length is the class length from the studio's settings (`classMinutes`), so a guest tapping
 * the front door and then the studio door during one class checks in once. Any allowed attempt
 * counts as the earlier one (a shared opening let the guest in as much as their own).
 */
export async function startsVisit(
  tx: Tx,
  attempt: { id: string; linkId: string; studioId: string; at: Date },
): Promise<boolean> {
  const [studio] = await tx
    .select({ classMinutes: studios.classMinutes })
    .from(studios)
    .where(eq(studios.id, attempt.studioId));
  const since = new Date(attempt.at.getTime() - (studio?.classMinutes ?? 90) * 60_000);
  const [earlier] = await tx
    .select({ one: sql`1` })
    .from(unlockAudit)
    .where(
      and(
        eq(unlockAudit.linkId, attempt.linkId),
        eq(unlockAudit.allowed, true),
        ne(unlockAudit.id, attempt.id),
        gt(unlockAudit.createdAt, since),
        sql`${unlockAudit.createdAt} <= ${attempt.at}`,
      ),
    )
    .limit(1);
  return !earlier;
}

/**
 * unlock.allowed or unlock.denied (with the refusal's code as `outcome`) for an audited attempt
 * on a known link, and visit.started when an allowed one begins a visit — on the audit row's own
 * transaction. Attempts with unknown tokens belong to no studio and send nothing.
 */
export async function recordUnlockEvents(tx: Tx, row: AuditRow): Promise<void> {
  if (!row.linkId || !row.studioId) return;
  const [link] = await tx.select().from(accessLinks).where(eq(accessLinks.id, row.linkId));
  if (!link) return;
  let data: Awaited<ReturnType<typeof build>> | undefined;
  const build = async (t: Tx) => {
    const doorName =
      row.kisiLockId === null ? null : (await auditDoorNamer(t, link.studioId))(row.kisiLockId);
    return {
      studio: await studioRef(t, link.studioId),
      link: linkRef(link),
      door: { id: row.kisiLockId ?? 0, name: doorName },
      attemptId: row.id,
      at: row.createdAt.toISOString(),
      outcome: row.outcome,
      distanceM: row.distanceM,
      accuracyM: row.accuracyM,
    };
  };
  const once = async (t: Tx) => (data ??= await build(t));
  // `unlocked_duplicate` (a double tap) and `unlocked_shared` (a door just opened for another
  // guest) are allowed attempts too: the guest was told "open".
  const allowed = row.allowed;
  await recordWebhookEvent(tx, {
    studioId: link.studioId,
    type: allowed ? "unlock.allowed" : "unlock.denied",
    data: once,
    now: row.createdAt,
  });
  if (
    allowed &&
    (await startsVisit(tx, {
      id: row.id,
      linkId: link.id,
      studioId: link.studioId,
      at: row.createdAt,
    }))
  )
    await recordWebhookEvent(tx, {
      studioId: link.studioId,
      type: "visit.started",
      data: once,
      now: row.createdAt,
    });
}
