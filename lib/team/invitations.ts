import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import {
  emailOutbox,
  memberships,
  staffInvitations,
  studios,
  user,
  type InvitableRole,
} from "@/lib/db/schema";
import { isUuid } from "@/lib/schemas/ids";
import { teamManager, type TeamActor } from "./actor";
import {
  hashInvitationToken,
  invitationUrl,
  isWellFormedInvitationToken,
  newInvitationToken,
  sealInvitationToken,
} from "./invitation-token";
import type { InviteBody } from "@/lib/schemas/team";
import { recordStaffChange } from "@/lib/staff-audit/record";

export type TeamDeps = { db: Db; keyring: Keyring; appOrigin: string; now?: () => Date };

export const INVITATION_DAYS = 7;
const INVITATION_MS = INVITATION_DAYS * 86_400_000;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Invitation = typeof staffInvitations.$inferSelect;

/**
 * Invites someone to this studio as a manager or front desk. The URL is returned once (the
 * inviter may copy it) and emailed through the outbox; only the token's hash is kept. A new
 * invitation for the same address replaces a pending one, so only one URL works at a time.
 */
export async function createInvitation(
  deps: TeamDeps,
  caller: TeamActor,
  input: InviteBody,
): Promise<{ invitation: Invitation; url: string }> {
  const actor = teamManager(caller);
  const now = deps.now?.() ?? new Date();
  if (await worksAtStudio(deps.db, input.email, actor.studio)) throw new ApiError("already_member");
  const token = newInvitationToken();
  const invitation = await deps.db.transaction(async (tx) => {
    await tx
      .update(staffInvitations)
      .set({ revokedAt: now, updatedAt: now })
      .where(
        and(
          eq(staffInvitations.studioId, actor.studio.id),
          eq(staffInvitations.email, input.email),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(staffInvitations)
      .values({
        organizationId: actor.studio.organizationId,
        studioId: actor.studio.id,
        tokenHash: hashInvitationToken(token),
        email: input.email,
        role: input.role,
        locale: input.locale,
        invitedBy: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_MS),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await queueInvitationEmail(tx, deps.keyring, row!, token, now);
    await recordStaffChange(tx, {
      organizationId: row!.organizationId,
      studioId: row!.studioId,
      kind: "team",
      action: "invited",
      subject: row!.email,
      changes: { role: { before: null, after: row!.role } },
    });
    return row!;
  });
  return { invitation, url: invitationUrl(deps.appOrigin, token) };
}

/**
 * Sends a pending invitation again, with a new token and a fresh 7 days: the old URL (and the
 * old email) stop working, since only hashes are kept and the old token cannot be mailed again.
 */
export async function resendInvitation(
  deps: TeamDeps,
  caller: TeamActor,
  invitationId: string,
): Promise<{ invitation: Invitation; url: string }> {
  const actor = teamManager(caller);
  const now = deps.now?.() ?? new Date();
  const current = await studioInvitation(deps.db, actor.studio.id, invitationId);
  if (current.acceptedAt || current.revokedAt) throw new ApiError("conflict");
  const token = newInvitationToken();
  const invitation = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({
        tokenHash: hashInvitationToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_MS),
        updatedAt: now,
      })
      .where(
        and(
          eq(staffInvitations.id, current.id),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      )
      .returning();
    if (!row) throw new ApiError("conflict");
    await queueInvitationEmail(tx, deps.keyring, row, token, now);
    await recordStaffChange(tx, {
      organizationId: row.organizationId,
      studioId: row.studioId,
      kind: "team",
      action: "invitation_resent",
      subject: row.email,
    });
    return row;
  });
  return { invitation, url: invitationUrl(deps.appOrigin, token) };
}

/** Withdraws a pending invitation: its URL shows the generic "not valid" page from now on. */
export async function revokeInvitation(
  deps: TeamDeps,
  caller: TeamActor,
  invitationId: string,
): Promise<void> {
  const actor = teamManager(caller);
  const now = deps.now?.() ?? new Date();
  const current = await studioInvitation(deps.db, actor.studio.id, invitationId);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({ revokedAt: now, updatedAt: now })
      .where(
        and(
          eq(staffInvitations.id, current.id),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      )
      .returning({ id: staffInvitations.id });
    if (!row) throw new ApiError("conflict");
    await recordStaffChange(tx, {
      organizationId: current.organizationId,
      studioId: current.studioId,
      kind: "team",
      action: "invitation_revoked",
      subject: current.email,
    });
  });
}

/**
 * The invitation behind a token, with its studio, if it can still be accepted: unknown,
 * malformed, expired, revoked and used tokens are all the same null (no oracle).
 */
export async function findUsableInvitation(db: Db, token: string, now = new Date()) {
  if (!isWellFormedInvitationToken(token)) return null;
  const [row] = await db
    .select({ invitation: staffInvitations, studio: studios })
    .from(staffInvitations)
    .innerJoin(studios, eq(studios.id, staffInvitations.studioId))
    .where(
      and(
        eq(staffInvitations.tokenHash, hashInvitationToken(token)),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    );
  return row ?? null;
}

async function studioInvitation(db: Db, studioId: string, invitationId: string) {
  if (!isUuid(invitationId)) throw new ApiError("not_found");
  const [row] = await db
    .select()
    .from(staffInvitations)
    .where(and(eq(staffInvitations.id, invitationId), eq(staffInvitations.studioId, studioId)));
  if (!row) throw new ApiError("not_found");
  return row;
}

/** An owner of the studio's organization, or already a member of the studio itself. */
async function worksAtStudio(
  db: Db,
  email: string,
  studio: { id: string; organizationId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(user, eq(user.id, memberships.userId))
    .where(
      and(
        eq(user.email, email),
        eq(memberships.organizationId, studio.organizationId),
        or(
          and(eq(memberships.role, "owner"), isNull(memberships.studioId)),
          eq(memberships.studioId, studio.id),
        ),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The email row, in the invitation's transaction; the token is sealed to this row only. */
async function queueInvitationEmail(
  tx: Tx,
  keyring: Keyring,
  invitation: Invitation,
  token: string,
  now: Date,
): Promise<void> {
  const id = randomUUID();
  await tx.insert(emailOutbox).values({
    id,
    kind: "staff_invitation",
    invitationId: invitation.id,
    tokenCiphertext: sealInvitationToken(id, token, keyring),
    studioId: invitation.studioId,
    recipient: invitation.email,
    locale: invitation.locale,
    createdAt: now,
    updatedAt: now,
    nextAttemptAt: now,
  });
}

export type { InvitableRole };
