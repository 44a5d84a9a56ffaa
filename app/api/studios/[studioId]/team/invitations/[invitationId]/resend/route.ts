import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getTeamDeps } from "@/lib/team/deps";
import { resendInvitation } from "@/lib/team/invitations";

type Params = { studioId: string; invitationId: string };

// POST /api/studios/{studioId}/team/invitations/{invitationId}/resend – a new URL and email,
// valid for 7 more days; the previous URL stops working.
export const POST = withApi<Params>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const { invitation, url } = await resendInvitation(
    await getTeamDeps(),
    actor.userId,
    actor.studio.id,
    params.invitationId,
  );
  return NextResponse.json({
    id: invitation.id,
    email: invitation.email,
    expiresAt: invitation.expiresAt.toISOString(),
    url,
  });
});
