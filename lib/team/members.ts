import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import {
  emailOutbox,
  memberships,
  staffInvitations,
  user,
  type EMAIL_STATUSES,
  type InvitableRole,
  type Role,
} from "@/lib/db/schema";
import { isUuid } from "@/lib/schemas/ids";
import { endSessionsOf } from "@/lib/auth/two-factor-policy";
import { personLabel, recordStaffChange } from "@/lib/staff-audit/record";
import { teamManager, type TeamActor } from "./actor";

export type TeamView = {
  owners: { userId: string; name: string; email: string }[];
  members: { id: string; userId: string; name: string; email: string; role: Role; you: boolean }[];
  invitations: {
    id: string;
    email: string;
    role: InvitableRole;
    locale: string;
    expiresAt: string;
    invitedBy: string | null;
    emailStatus: (typeof EMAIL_STATUSES)[number] | null;
  }[];
};

/**
 * Everyone who works at a studio: the organization's owners (read-only here), the studio's
 * managers and front desk, and invitations still waiting to be accepted.
 */
export async function listTeam(db: Db, caller: TeamActor, now = new Date()): Promise<TeamView> {
  const actor = teamManager(caller);
  const person = { userId: user.id, name: user.name, email: user.email };
  const owners = await db
    .select(person)
    .from(memberships)
    .innerJoin(user, eq(user.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, actor.studio.organizationId),
        eq(memberships.role, "owner"),
        isNull(memberships.studioId),
      ),
    )
    .orderBy(asc(user.name));
  const members = await db
    .select({ id: memberships.id, role: memberships.role, ...person })
    .from(memberships)
    .innerJoin(user, eq(user.id, memberships.userId))
    .where(eq(memberships.studioId, actor.studio.id))
    .orderBy(asc(user.name));
  const invitations = await db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      role: staffInvitations.role,
      locale: staffInvitations.locale,
      expiresAt: staffInvitations.expiresAt,
      invitedBy: user.name,
    })
    .from(staffInvitations)
    .leftJoin(user, eq(user.id, staffInvitations.invitedBy))
    .where(
      and(
        eq(staffInvitations.studioId, actor.studio.id),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .orderBy(desc(staffInvitations.createdAt));
  const ids = invitations.map((i) => i.id);
  const emails = ids.length
    ? await db
        .selectDistinctOn([emailOutbox.invitationId], {
          invitationId: emailOutbox.invitationId,
          status: emailOutbox.status,
        })
        .from(emailOutbox)
        .where(inArray(emailOutbox.invitationId, ids))
        .orderBy(emailOutbox.invitationId, desc(emailOutbox.createdAt))
    : [];
  return {
    owners,
    members: members.map((m) => ({ ...m, you: m.userId === actor.userId })),
    invitations: invitations.map((i) => ({
      ...i,
      expiresAt: i.expiresAt.toISOString(),
      emailStatus: emails.find((e) => e.invitationId === i.id)?.status ?? null,
    })),
  };
}

/** Manager ↔ front desk. Never on yourself: nobody demotes themselves out of this page. */
export async function changeMemberRole(
  db: Db,
  caller: TeamActor,
  membershipId: string,
  role: InvitableRole,
): Promise<void> {
  const actor = teamManager(caller);
  const member = await studioMember(db, actor.studio.id, membershipId);
  if (member.userId === actor.userId) throw new ApiError("self_change_refused");
  await db.transaction(async (tx) => {
    await tx.update(memberships).set({ role }).where(eq(memberships.id, member.id));
    await endSessionsOf(tx, member.userId); // what they could do before stops now
    await recordStaffChange(tx, {
      studioId: actor.studio.id,
      kind: "team",
      action: "role_changed",
      subject: await personLabel(tx, member.userId),
      changes: { role: { before: member.role, after: role } },
    });
  });
}

/**
 * Takes someone off this studio (their account stays, with any other studios). Never yourself,
 * so nobody locks themselves out by accident. Their sessions end too (everywhere: a session is
 * not per studio), and every request checks the membership again.
 */
export async function removeMember(db: Db, caller: TeamActor, membershipId: string): Promise<void> {
  const actor = teamManager(caller);
  const member = await studioMember(db, actor.studio.id, membershipId);
  if (member.userId === actor.userId) throw new ApiError("self_change_refused");
  await db.transaction(async (tx) => {
    await tx.delete(memberships).where(eq(memberships.id, member.id));
    await endSessionsOf(tx, member.userId);
    await recordStaffChange(tx, {
      studioId: actor.studio.id,
      kind: "team",
      action: "removed",
      subject: await personLabel(tx, member.userId),
      changes: { role: { before: member.role, after: null } },
    });
  });
}

/** A manager or front-desk row of this studio; owners' rows are not the studio's to change. */
async function studioMember(db: Db, studioId: string, membershipId: string) {
  if (!isUuid(membershipId)) throw new ApiError("not_found");
  const [row] = await db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.id, membershipId),
        eq(memberships.studioId, studioId),
        inArray(memberships.role, ["manager", "front_desk"]),
      ),
    );
  if (!row) throw new ApiError("not_found");
  return row;
}
