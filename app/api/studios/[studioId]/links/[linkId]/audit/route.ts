import { NextResponse } from "next/server";
import { withApi, zodLocaleError } from "@/lib/api/handler";
import { auditQuerySchema, listUnlockAudit } from "@/lib/audit/unlock-audit";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";

// GET /api/studios/{studioId}/links/{linkId}/audit?cursor=&outcome=&limit= – the link's unlock
// attempts, newest first; pass `nextCursor` back for older ones.
export const GET = withApi<{ studioId: string; linkId: string }>(
  async ({ req, params, locale }) => {
    const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
    const query = auditQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), {
      error: zodLocaleError(locale),
    });
    const db = await getDb();
    const link = await findStudioLinkOrThrow(db, actor.studio.id, params.linkId);
    return NextResponse.json(
      await listUnlockAudit(db, { studioId: actor.studio.id, linkId: link.id, locale }, query),
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
