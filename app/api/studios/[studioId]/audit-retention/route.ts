import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { getAuditRetention, setAuditRetention } from "@/lib/audit/retention";
import { auditRetentionBodySchema } from "@/lib/audit/schemas";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

// GET /api/studios/{studioId}/audit-retention – how long the studio's organization keeps its
// unlock audit ({ months: null } keeps everything). Owners and managers.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const months = await getAuditRetention(await getDb(), actor.studio.organizationId);
  return NextResponse.json({ months }, { headers: { "Cache-Control": "no-store" } });
});

// PUT /api/studios/{studioId}/audit-retention { months } – owners only: it applies to every
// studio of the organization, and older attempts are deleted by the background jobs.
export const PUT = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, ["owner"]);
  const body = await parseJsonBody(req, auditRetentionBodySchema, locale);
  await setAuditRetention(await getDb(), actor.studio.organizationId, body.months);
  return NextResponse.json({ months: body.months });
});
