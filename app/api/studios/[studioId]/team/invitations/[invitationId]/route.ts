import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getTeamDeps } from "@/lib/team/deps";
import { revokeInvitation } from "@/lib/team/invitations";

type Params = { studioId: string; invitationId: string };

// DELETE /api/studios/{studioId}/team/invitations/{invitationId} – withdraw a pending invitation.
export const DELETE = withApi<Params>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  await revokeInvitation(await getTeamDeps(), actor.userId, actor.studio.id, params.invitationId);
  return NextResponse.json({ id: params.invitationId, status: "revoked" });
});
