import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { principalRef, requireStudioRoleOrApiToken } from "@/lib/auth/guards";
import { ApiError } from "@/lib/api/errors";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { linkState } from "@/lib/links/state";
import { getKisiClient } from "@/lib/kisi";
import { changeLinkWindow } from "@/lib/links/change-window";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { linkDetail } from "@/lib/links/link-detail";
import { revokeLink } from "@/lib/links/revoke-link";
import { changeWindowBodySchema, windowProblems } from "@/lib/schemas/links";

// GET /api/studios/{studioId}/links/{linkId} – one link: its URL (to copy or show as QR), email
// status and unlock history.
// An API token sees the URL only of links it issued itself; others come back without `url`.
export const GET = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
  const config = getConfig();
  const caller =
    actor.kind === "api_token"
      ? { kind: "api_token" as const, ref: principalRef(actor) }
      : { kind: "user" as const };
  return NextResponse.json(
    await linkDetail(
      { db: await getDb(), keyring: config.encryption, appOrigin: config.appOrigin },
      actor.studio.id,
      params.linkId,
      caller,
    ),
  );
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
