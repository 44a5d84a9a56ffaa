import { and, desc, eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { requireStudioRole } from "@/lib/auth/guards";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { clearDoorCache } from "@/lib/access/doors";
import { getDb, type Db } from "@/lib/db";
import { accessLinks, emailOutbox, unlockAudit } from "@/lib/db/schema";
import { accessUrl } from "@/lib/links/issue-link";
import { openFor, secretContext } from "@/lib/links/secrets";
import { linkState } from "@/lib/links/state";
import { getKisiClient } from "@/lib/kisi";
import { revokeLink } from "@/lib/links/revoke-link";

// GET /api/studios/{studioId}/links/{linkId} – one link: its URL (to copy or show as QR), email
// status and unlock history.
export const GET = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, ["owner", "manager", "front_desk"]);
  const db = await getDb();
  const link = await findStudioLink(db, actor.studio.id, params.linkId);
  const config = getConfig();
  const token = openFor(
    secretContext.accessToken(link.id),
    link.tokenCiphertext,
    config.encryption,
  );
  const [emails, unlocks] = await Promise.all([
    db
      .select({
        status: emailOutbox.status,
        recipient: emailOutbox.recipient,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        sentAt: emailOutbox.sentAt,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(eq(emailOutbox.linkId, link.id))
      .orderBy(desc(emailOutbox.createdAt)),
    db
      .select({
        at: unlockAudit.createdAt,
        lockId: unlockAudit.kisiLockId,
        outcome: unlockAudit.outcome,
        allowed: unlockAudit.allowed,
        distanceM: unlockAudit.distanceM,
        accuracyM: unlockAudit.accuracyM,
      })
      .from(unlockAudit)
      .where(eq(unlockAudit.linkId, link.id))
      .orderBy(desc(unlockAudit.createdAt))
      .limit(100),
  ]);
  const state = linkState(link, new Date());
  return NextResponse.json({
    id: link.id,
    url: accessUrl(config.appOrigin, token),
    state: state === "unavailable" ? "pending" : state,
    guestName: link.guestName,
    guestEmail: link.guestEmail,
    locale: link.locale,
    validFrom: link.validFrom.toISOString(),
    validUntil: link.validUntil.toISOString(),
    emails,
    unlocks,
  });
});

// DELETE /api/studios/{studioId}/links/{linkId} – revoke: refused to the guest at once; Kisi's
// link is deleted too, or the delete stays owed while Kisi is down.
export const DELETE = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, ["owner", "manager", "front_desk"]);
  const db = await getDb();
  const link = await findStudioLink(db, actor.studio.id, params.linkId);
  const { kisiDeleted } = await revokeLink(
    { db, kisi: getKisiClient(), keyring: getConfig().encryption },
    link.id,
  );
  clearDoorCache();
  return NextResponse.json({ id: link.id, state: "revoked", kisi: { deleted: kisiDeleted } });
});

/** A link of this studio, or 404 (also for another studio's link: ids reveal nothing). */
async function findStudioLink(db: Db, studioId: string, linkId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(linkId))
    throw new ApiError("not_found");
  const [link] = await db
    .select()
    .from(accessLinks)
    .where(and(eq(accessLinks.id, linkId), eq(accessLinks.studioId, studioId)));
  if (!link) throw new ApiError("not_found");
  return link;
}
