import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listTeam } from "@/lib/team/members";

// GET /api/studios/{studioId}/team – owners (read-only), the studio's staff, pending invitations.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  return NextResponse.json(await listTeam(await getDb(), actor.userId, actor.studio.id));
});
