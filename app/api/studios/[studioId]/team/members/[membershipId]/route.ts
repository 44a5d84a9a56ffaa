import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { changeMemberRole, removeMember } from "@/lib/team/members";
import { changeRoleBodySchema } from "@/lib/team/schemas";

type Params = { studioId: string; membershipId: string };

// PATCH /api/studios/{studioId}/team/members/{membershipId} – manager ↔ front desk.
export const PATCH = withApi<Params>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const { role } = await parseJsonBody(req, changeRoleBodySchema, locale);
  await changeMemberRole(await getDb(), actor.userId, actor.studio.id, params.membershipId, role);
  return NextResponse.json({ id: params.membershipId, role });
});

// DELETE /api/studios/{studioId}/team/members/{membershipId} – take someone off this studio.
export const DELETE = withApi<Params>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  await removeMember(await getDb(), actor.userId, actor.studio.id, params.membershipId);
  return NextResponse.json({ id: params.membershipId, status: "removed" });
});
