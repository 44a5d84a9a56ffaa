import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRoleOrApiToken } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { resendLinkEmail } from "@/lib/links/resend-email";

// POST /api/studios/{studioId}/links/{linkId}/email – send the access email again.
export const POST = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
  const db = await getDb();
  const link = await findStudioLinkOrThrow(db, actor.studio.id, params.linkId);
  await resendLinkEmail(db, link.id);
  return NextResponse.json({ id: link.id, email: { status: "queued" } }, { status: 202 });
});
