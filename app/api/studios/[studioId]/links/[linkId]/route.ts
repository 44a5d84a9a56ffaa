import { and, eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { requireStudioRole } from "@/lib/auth/guards";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { clearDoorCache } from "@/lib/access/doors";
import { getDb } from "@/lib/db";
import { accessLinks } from "@/lib/db/schema";
import { getKisiClient } from "@/lib/kisi";
import { revokeLink } from "@/lib/links/revoke-link";

// DELETE /api/studios/{studioId}/links/{linkId} – revoke: refused to the guest at once; Kisi's
// link is deleted too, or the delete stays owed while Kisi is down.
export const DELETE = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, ["owner", "manager", "front_desk"]);
  const db = await getDb();
  const [link] = /^[0-9a-f-]{36}$/i.test(params.linkId)
    ? await db
        .select({ id: accessLinks.id })
        .from(accessLinks)
        .where(and(eq(accessLinks.id, params.linkId), eq(accessLinks.studioId, actor.studio.id)))
    : [];
  if (!link) throw new ApiError("not_found");
  const { kisiDeleted } = await revokeLink(
    { db, kisi: getKisiClient(), keyring: getConfig().encryption },
    link.id,
  );
  clearDoorCache();
  return NextResponse.json({ id: link.id, state: "revoked", kisi: { deleted: kisiDeleted } });
});
