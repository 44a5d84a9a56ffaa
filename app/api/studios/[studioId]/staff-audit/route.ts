import { NextResponse } from "next/server";
import { withApi, zodLocaleError } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listStaffAudit, staffAuditQuerySchema } from "@/lib/staff-audit/list";

// GET /api/studios/{studioId}/staff-audit?kind=&actor=&cursor=&limit= – who changed what in the
// studio (owners also see organization-wide changes), newest first. Owners and managers only.
export const GET = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const query = staffAuditQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), {
    error: zodLocaleError(locale),
  });
  const scope = { studio: actor.studio, includeOrganization: actor.role === "owner" };
  return NextResponse.json(await listStaffAudit(await getDb(), scope, query), {
    headers: { "Cache-Control": "no-store" },
  });
});
