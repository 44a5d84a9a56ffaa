import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { createAuth } from "@/lib/auth/create-auth";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db";
import { memberships, staffInvitations, user } from "@/lib/db/schema";
import { hashInvitationToken, isWellFormedInvitationToken } from "./invitation-token";
import { recordStaffChange } from "@/lib/staff-audit/record";

export type AcceptDeps = {
  db: Db;
  authConfig: Pick<Config, "appOrigin" | "authSecret" | "signInsPerMinute">;
  now?: () => Date;
};

export type AcceptResult = {
  userId: string;
  studioId: string;
  /** A new account was made; its session cookie is in `headers`. */
  created: boolean;
  headers: Headers | null;
};

/**
 * Accepts an invitation, all or nothing, in one transaction: the invitation is claimed first
 * (a conditional update, so of two concurrent accepts exactly one wins), then the account is
 * created — by better-auth, on the same transaction — or the signed-in account is checked, then
 * the membership is written. Any failure rolls all of it back: no account without a
 * membership, no used invitation without both.
 *
 * A new person gives a name and password; an address that already has an account must be
 * signed in as that account. Unknown, expired, revoked and used tokens are one error.
 */
export async function acceptInvitation(
  deps: AcceptDeps,
  input: { token: string; name?: string; password?: string; sessionUserId: string | null },
): Promise<AcceptResult> {
  if (!isWellFormedInvitationToken(input.token)) throw new ApiError("invitation_invalid");
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(staffInvitations)
      .set({ acceptedAt: now, updatedAt: now })
      .where(
        and(
          eq(staffInvitations.tokenHash, hashInvitationToken(input.token)),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
          gt(staffInvitations.expiresAt, now),
        ),
      )
      .returning();
    if (!invitation) throw new ApiError("invitation_invalid");

    const [existing] = await tx
      .select({ id: user.id })
      .from(user)
      .where(eq(user.email, invitation.email));
    let userId: string;
    let headers: Headers | null = null;
    if (existing) {
      if (input.sessionUserId !== existing.id) throw new ApiError("invitation_sign_in_required");
      userId = existing.id;
    } else {
      if (!input.name || !input.password) {
        throw new ApiError("validation_failed", {
          issues: [{ path: input.name ? "password" : "name", message: "required" }],
        });
      }
      // Sign-up is closed on the server's own instance; this one exists for this invitation,
      // and writes through the transaction so a failure later undoes the account too.
      const auth = createAuth(tx as unknown as Db, deps.authConfig, { allowSignUp: true });
      const result = await auth.api.signUpEmail({
        body: { email: invitation.email, name: input.name, password: input.password },
        returnHeaders: true,
      });
      userId = result.response.user.id;
      headers = result.headers;
    }

    await tx
      .insert(memberships)
      .values({
        userId,
        organizationId: invitation.organizationId,
        studioId: invitation.studioId,
        role: invitation.role,
      })
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.organizationId, memberships.studioId],
        set: { role: invitation.role },
      });
    await tx
      .update(staffInvitations)
      .set({ acceptedBy: userId })
      .where(eq(staffInvitations.id, invitation.id));
    await recordStaffChange(tx, {
      organizationId: invitation.organizationId,
      studioId: invitation.studioId,
      kind: "team",
      action: "joined",
      subject: invitation.email,
      changes: { role: { before: null, after: invitation.role } },
      actor: { kind: "user", userId },
    });
    return { userId, studioId: invitation.studioId, created: !existing, headers };
  });
}
