import { NextResponse } from "next/server";
import { withApi, zodLocaleError } from "@/lib/api/handler";
import { auditQuerySchema, listUnlockAudit } from "@/lib/audit/unlock-audit";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

// GET /api/studios/{studioId}/activity?cursor=&outcome=allowed|denied&limit= – the studio's
// unlock attempts across its links, newest first.
export const GET = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  const query = auditQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), {
    error: zodLocaleError(locale),
  });
  return NextResponse.json(
    await listUnlockAudit(await getDb(), { studioId: actor.studio.id, locale }, query),
    { headers: { "Cache-Control": "no-store" } },
  );
});
