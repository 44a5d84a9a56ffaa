import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getTeamDeps } from "@/lib/team/deps";
import { createInvitation } from "@/lib/team/invitations";
import { inviteBodySchema } from "@/lib/team/schemas";

// POST /api/studios/{studioId}/team/invitations – invite a manager or front desk. The URL is in
// this response only (the email goes through the outbox); it is never stored in clear.
export const POST = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const body = await parseJsonBody(req, inviteBodySchema, locale);
  const { invitation, url } = await createInvitation(
    await getTeamDeps(),
    actor.userId,
    actor.studio.id,
    body,
  );
  return NextResponse.json(
    {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      locale: invitation.locale,
      expiresAt: invitation.expiresAt.toISOString(),
      url,
    },
    { status: 201 },
  );
});
