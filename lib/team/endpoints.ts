import "server-only";
import { NextResponse } from "next/server";
import type { ServiceContext } from "@/lib/api/handle";
import { getSession } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import type {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  getTeam,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from "@/lib/contracts/team";
import { acceptInvitation as accept } from "./accept";
import {
  createInvitation as invite,
  resendInvitation as resend,
  revokeInvitation as revoke,
} from "./invitations";
import { changeMemberRole as changeRole, listTeam, removeMember as remove } from "./members";

/** Owners (read-only), the studio's staff and its pending invitations. */
export async function getTeamService(ctx: ServiceContext<typeof getTeam>) {
  const { db } = await ctx.deps();
  return listTeam(db, ctx.caller, ctx.now);
}

/** Manager ↔ front desk. */
export async function changeMemberRoleService(ctx: ServiceContext<typeof changeMemberRole>) {
  const { db } = await ctx.deps();
  await changeRole(db, ctx.caller, ctx.params.membershipId, ctx.body.role);
  return { id: ctx.params.membershipId, role: ctx.body.role };
}

/** Take someone off this studio. */
export async function removeMemberService(ctx: ServiceContext<typeof removeMember>) {
  const { db } = await ctx.deps();
  await remove(db, ctx.caller, ctx.params.membershipId);
  return { id: ctx.params.membershipId, status: "removed" as const };
}

/** The URL is in this answer only (the email goes through the outbox); it is never stored. */
export async function createInvitationService(ctx: ServiceContext<typeof createInvitation>) {
  const { invitation, url } = await invite(await ctx.deps(), ctx.caller, ctx.body);
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    locale: invitation.locale as (typeof ctx.body)["locale"],
    expiresAt: invitation.expiresAt.toISOString(),
    url,
  };
}

/** Withdraw a pending invitation. */
export async function revokeInvitationService(ctx: ServiceContext<typeof revokeInvitation>) {
  await revoke(await ctx.deps(), ctx.caller, ctx.params.invitationId);
  return { id: ctx.params.invitationId, status: "revoked" as const };
}

/** A new URL and email, valid for 7 more days; the previous URL stops working. */
export async function resendInvitationService(ctx: ServiceContext<typeof resendInvitation>) {
  const { invitation, url } = await resend(await ctx.deps(), ctx.caller, ctx.params.invitationId);
  return {
    id: invitation.id,
    email: invitation.email,
    expiresAt: invitation.expiresAt.toISOString(),
    url,
  };
}

/**
 * The token in the body is the credential. A new person's account is created here (and its
 * session cookie set, so they land on the dashboard signed in); an existing one must be signed
 * in already.
 */
export async function acceptInvitationService(ctx: ServiceContext<typeof acceptInvitation>) {
  const { db } = await ctx.deps();
  const session = await getSession(ctx.req.headers);
  const result = await accept(
    { db, authConfig: getConfig() },
    { ...ctx.body, sessionUserId: session?.user.id ?? null },
  );
  const response = NextResponse.json({
    studioId: result.studioId,
    created: result.created,
    signedIn: result.created ? Boolean(result.headers?.get("set-cookie")) : true,
  });
  for (const cookie of result.headers?.getSetCookie() ?? [])
    response.headers.append("set-cookie", cookie);
  return response;
}
