import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { desc, eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { requireStudioRoleOrApiToken } from "@/lib/auth/guards";
import { ApiError } from "@/lib/api/errors";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { listUnlockAudit } from "@/lib/audit/unlock-audit";
import { accessUrl } from "@/lib/links/issue-link";
import { openFor, secretContext } from "@/lib/links/secrets";
import { linkState } from "@/lib/links/state";
import { getKisiClient } from "@/lib/kisi";
import { changeLinkWindow } from "@/lib/links/change-window";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { revokeLink } from "@/lib/links/revoke-link";
import { changeWindowBodySchema, windowProblems } from "@/lib/schemas/links";

// GET /api/studios/{studioId}/links/{linkId} – one link: its URL (to copy or show as QR), email
// status and unlock history.
export const GET = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
  const db = await getDb();
  const link = await findStudioLinkOrThrow(db, actor.studio.id, params.linkId);
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
    // The newest page of the unlock history; older pages come from …/audit?cursor=.
    listUnlockAudit(db, { studioId: actor.studio.id, linkId: link.id }, { limit: 100 }),
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
    // Set when the link was deleted or disabled inside Kisi itself, not through Latchkey.
    revokedInKisiAt: link.kisiGoneAt?.toISOString() ?? null,
    emails,
    unlocks: unlocks.items,
    unlocksNextCursor: unlocks.nextCursor,
  });
});

// DELETE /api/studios/{studioId}/links/{linkId} – revoke: refused to the guest at once; Kisi's
// link is deleted too, or the delete stays owed while Kisi is down.
export const DELETE = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
  const db = await getDb();
  const link = await findStudioLinkOrThrow(db, actor.studio.id, params.linkId);
  const { kisiDeleted } = await revokeLink(
    { db, kisi: getKisiClient(), keyring: getConfig().encryption },
    link.id,
  );
  return NextResponse.json({ id: link.id, state: "revoked", kisi: { deleted: kisiDeleted } });
});

// PATCH /api/studios/{studioId}/links/{linkId} – extend or move the window. Kisi's link is
// replaced behind the same token, so the guest's URL keeps working.
export const PATCH = withApi<{ studioId: string; linkId: string }>(
  async ({ req, params, locale }) => {
    const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
    const body = await parseJsonBody(req, changeWindowBodySchema, locale);
    const db = await getDb();
    const link = await findStudioLinkOrThrow(db, actor.studio.id, params.linkId);
    const window = {
      validFrom: body.validFrom ?? link.validFrom,
      validUntil: body.validUntil ?? link.validUntil,
    };
    const problem = windowProblems(window);
    if (problem)
      throw new ApiError("validation_failed", {
        issues: [{ path: "validUntil", message: problem }],
      });
    const updated = await changeLinkWindow(
      { db, kisi: getKisiClient(), keyring: getConfig().encryption },
      link.id,
      window,
    );
    const state = linkState(updated, new Date());
    return NextResponse.json({
      id: updated.id,
      state: state === "unavailable" ? "pending" : state,
      validFrom: updated.validFrom.toISOString(),
      validUntil: updated.validUntil.toISOString(),
    });
  },
);
