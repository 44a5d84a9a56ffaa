import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, isApiError } from "@/lib/api/errors";
import { resolveStudioRole } from "@/lib/auth/guards";
import { emailOutbox, memberships, staffInvitations, user } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { hashInvitationToken } from "@/lib/team/invitation-token";
import { acceptInvitation, type AcceptDeps } from "@/lib/team/accept";
import {
  createInvitation,
  findUsableInvitation,
  resendInvitation,
  revokeInvitation,
  type TeamDeps,
} from "@/lib/team/invitations";
import type { TeamActor } from "@/lib/team/actor";
import { changeMemberRole, listTeam, removeMember } from "@/lib/team/members";
import { inviteBodySchema } from "@/lib/schemas/team";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
const ids = {} as Record<"owner" | "manager" | "frontDesk" | "otherOwner", string>;

beforeAll(async () => {
  fx = await setupAccessFixture();
  const emails = {
    owner: DEMO_ACCOUNT.email,
    manager: DEMO_STAFF.manager.email,
    frontDesk: DEMO_STAFF.frontDesk.email,
    otherOwner: DEMO_STAFF.otherOwner.email,
  };
  for (const [who, email] of Object.entries(emails)) {
    const [row] = await fx.db.select({ id: user.id }).from(user).where(eq(user.email, email));
    ids[who as keyof typeof ids] = row!.id;
  }
});
afterAll(async () => fx.close());
beforeEach(async () => {
  await fx.db.delete(emailOutbox);
  await fx.db.delete(staffInvitations);
});

const deps = (now?: Date): TeamDeps => ({
  db: fx.db,
  keyring: fx.config.encryption,
  appOrigin: fx.config.appOrigin,
  now: now ? () => now : undefined,
});
const acceptDeps = (now?: Date): AcceptDeps => ({
  db: fx.db,
  authConfig: fx.config,
  now: now ? () => now : undefined,
});

let counter = 0;
const freshEmail = () => `person${++counter}-${Date.now()}@example.com`;
type Who = keyof typeof ids;

/**
 * The caller as the route's guard establishes it (requireStudioRole → resolveStudioRole): a
 * studio the person has no part in is a 404 there. The services take it as given and only check
 * the role again, without another query.
 */
async function actorOf(who: Who, studio: string): Promise<TeamActor> {
  const resolved = await resolveStudioRole(fx.db, ids[who], studio);
  if (!resolved) throw new ApiError("not_found");
  return { userId: ids[who], ...resolved };
}

/** The team services as a route calls them: the guard's actor first. */
const as = {
  list: async (who: Who, studio: string) => listTeam(fx.db, await actorOf(who, studio)),
  resend: async (who: Who, studio: string, id: string) =>
    resendInvitation(deps(), await actorOf(who, studio), id),
  revoke: async (who: Who, studio: string, id: string) =>
    revokeInvitation(deps(), await actorOf(who, studio), id),
  changeRole: async (who: Who, studio: string, id: string, role: "manager" | "front_desk") =>
    changeMemberRole(fx.db, await actorOf(who, studio), id, role),
  remove: async (who: Who, studio: string, id: string) =>
    removeMember(fx.db, await actorOf(who, studio), id),
};

const invite = async (
  who: Who,
  input: Partial<{ email: string; role: string; locale: string }> = {},
  studio: string = DEMO_IDS.studio,
  now?: Date,
) =>
  createInvitation(
    deps(now),
    await actorOf(who, studio),
    inviteBodySchema.parse({ email: freshEmail(), role: "front_desk", locale: "en", ...input }),
  );
const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error.code;
    throw error;
  }
  return "resolved";
}

async function membershipsOf(email: string) {
  return fx.db
    .select({ role: memberships.role, studioId: memberships.studioId })
    .from(memberships)
    .innerJoin(user, eq(user.id, memberships.userId))
    .where(eq(user.email, email));
}

describe("who may invite", () => {
  it("a manager invites front desk or a manager for their studio, and the email is queued", async () => {
    const email = freshEmail();
    const { invitation, url } = await invite("manager", { email, role: "manager" });
    expect(invitation).toMatchObject({ email, role: "manager", studioId: DEMO_IDS.studio });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    expect(invitation.tokenHash).toBe(hashInvitationToken(tokenOf(url)));
    expect(JSON.stringify(await fx.db.select().from(staffInvitations))).not.toContain(tokenOf(url));
    const outbox = await fx.db.select().from(emailOutbox);
    expect(outbox).toEqual([
      expect.objectContaining({
        kind: "staff_invitation",
        invitationId: invitation.id,
        linkId: null,
        recipient: email,
      }),
    ]);
    expect(outbox[0]!.tokenCiphertext).not.toContain(tokenOf(url));
    const days = (invitation.expiresAt.getTime() - invitation.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(7);
  });

  it("nobody invites an owner: the role is refused before any work", () => {
    const result = inviteBodySchema.safeParse({
      email: "x@example.com",
      role: "owner",
      locale: "en",
    });
    expect(result.success).toBe(false);
  });

  it("a manager cannot act on another studio, even of the same organization; front desk not at all", async () => {
    expect(await codeOf(invite("manager", {}, DEMO_IDS.geofencedStudio))).toBe("not_found");
    expect(await codeOf(invite("manager", {}, DEMO_IDS.otherStudio))).toBe("not_found");
    expect(await codeOf(invite("frontDesk"))).toBe("forbidden");
    expect(await codeOf(invite("otherOwner"))).toBe("not_found");
    expect(await fx.db.select().from(staffInvitations)).toEqual([]);
  });

  it("an owner invites for any studio of their organization", async () => {
    const { invitation } = await invite("owner", {}, DEMO_IDS.geofencedStudio);
    expect(invitation.studioId).toBe(DEMO_IDS.geofencedStudio);
  });

  it("someone already working there is not invited again", async () => {
    expect(await codeOf(invite("owner", { email: DEMO_STAFF.frontDesk.email }))).toBe(
      "already_member",
    );
    expect(await codeOf(invite("manager", { email: DEMO_ACCOUNT.email }))).toBe("already_member");
  });
});

describe("accepting", () => {
  it("a new person gets an account, the membership and a session, once", async () => {
    const email = freshEmail();
    const { url } = await invite("manager", { email });
    const result = await acceptInvitation(acceptDeps(), {
      token: tokenOf(url),
      name: "New Person",
      password: "a-long-enough-password",
      sessionUserId: null,
    });
    expect(result.created).toBe(true);
    expect(result.headers?.get("set-cookie")).toMatch(/latchkey\.session_token=/);
    expect(await membershipsOf(email)).toEqual([{ role: "front_desk", studioId: DEMO_IDS.studio }]);
    expect(await resolveStudioRole(fx.db, result.userId, DEMO_IDS.studio)).toMatchObject({
      role: "front_desk",
    });
    // Single use.
    expect(
      await codeOf(
        acceptInvitation(acceptDeps(), {
          token: tokenOf(url),
          name: "Again",
          password: "another-long-password",
          sessionUserId: null,
        }),
      ),
    ).toBe("invitation_invalid");
    expect(await findUsableInvitation(fx.db, tokenOf(url))).toBeNull();
  });

  it("two accepts at once: exactly one account and one membership", async () => {
    const email = freshEmail();
    const { url } = await invite("owner", { email, role: "manager" });
    const attempt = () =>
      acceptInvitation(acceptDeps(), {
        token: tokenOf(url),
        name: "Racer",
        password: "a-long-enough-password",
        sessionUserId: null,
      });
    const results = await Promise.allSettled([attempt(), attempt(), attempt()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect(isApiError(r.reason) && r.reason.code).toBe("invitation_invalid");
    expect(await membershipsOf(email)).toEqual([{ role: "manager", studioId: DEMO_IDS.studio }]);
    expect(await fx.db.select().from(user).where(eq(user.email, email))).toHaveLength(1);
  });

  it("a failed account creation leaves nothing behind, and the invitation still works", async () => {
    const email = freshEmail();
    const { url } = await invite("manager", { email });
    // better-auth refuses a short password (the API's schema would refuse it first).
    await expect(
      acceptInvitation(acceptDeps(), {
        token: tokenOf(url),
        name: "Short",
        password: "short",
        sessionUserId: null,
      }),
    ).rejects.toThrow();
    expect(await fx.db.select().from(user).where(eq(user.email, email))).toEqual([]);
    expect(await findUsableInvitation(fx.db, tokenOf(url))).not.toBeNull();
    await acceptInvitation(acceptDeps(), {
      token: tokenOf(url),
      name: "Short",
      password: "now-long-enough-password",
      sessionUserId: null,
    });
    expect(await membershipsOf(email)).toHaveLength(1);
  });

  it("an existing account must be signed in as itself, and then only gains the membership", async () => {
    const { url } = await invite(
      "owner",
      { email: DEMO_STAFF.manager.email },
      DEMO_IDS.geofencedStudio,
    );
    const token = tokenOf(url);
    expect(await codeOf(acceptInvitation(acceptDeps(), { token, sessionUserId: null }))).toBe(
      "invitation_sign_in_required",
    );
    expect(
      await codeOf(acceptInvitation(acceptDeps(), { token, sessionUserId: ids.frontDesk })),
    ).toBe("invitation_sign_in_required");
    // Refusals did not use the invitation up.
    expect(await findUsableInvitation(fx.db, token)).not.toBeNull();
    const result = await acceptInvitation(acceptDeps(), { token, sessionUserId: ids.manager });
    expect(result).toMatchObject({ created: false, headers: null, userId: ids.manager });
    expect(await resolveStudioRole(fx.db, ids.manager, DEMO_IDS.geofencedStudio)).toMatchObject({
      role: "front_desk",
    });
    await fx.db
      .delete(memberships)
      .where(
        and(
          eq(memberships.userId, ids.manager),
          eq(memberships.studioId, DEMO_IDS.geofencedStudio),
        ),
      );
  });

  it("expired, revoked and unknown tokens are the same refusal", async () => {
    const t0 = new Date("2030-01-01T10:00:00Z");
    const expired = await invite("manager", {}, DEMO_IDS.studio, t0);
    const late = new Date(t0.getTime() + 7 * 86_400_000 + 1000);
    expect(await findUsableInvitation(fx.db, tokenOf(expired.url), late)).toBeNull();
    expect(
      await codeOf(
        acceptInvitation(acceptDeps(late), {
          token: tokenOf(expired.url),
          name: "Late",
          password: "a-long-enough-password",
          sessionUserId: null,
        }),
      ),
    ).toBe("invitation_invalid");

    const revoked = await invite("manager");
    await as.revoke("manager", DEMO_IDS.studio, revoked.invitation.id);
    expect(await findUsableInvitation(fx.db, tokenOf(revoked.url))).toBeNull();
    expect(
      await codeOf(
        acceptInvitation(acceptDeps(), {
          token: tokenOf(revoked.url),
          name: "Revoked",
          password: "a-long-enough-password",
          sessionUserId: null,
        }),
      ),
    ).toBe("invitation_invalid");
    expect(await codeOf(acceptInvitation(acceptDeps(), { token: "x", sessionUserId: null }))).toBe(
      "invitation_invalid",
    );
    expect(await membershipsOf(revoked.invitation.email)).toEqual([]);
  });
});

describe("managing invitations and members", () => {
  it("resend makes a new URL and the old one stops working; revoke is the studio's own", async () => {
    const first = await invite("manager");
    const second = await as.resend("manager", DEMO_IDS.studio, first.invitation.id);
    expect(second.url).not.toBe(first.url);
    expect(await findUsableInvitation(fx.db, tokenOf(first.url))).toBeNull();
    expect(await findUsableInvitation(fx.db, tokenOf(second.url))).not.toBeNull();
    expect(await fx.db.select().from(emailOutbox)).toHaveLength(2);

    // Another studio's manager, or the same invitation through another studio: 404.
    expect(await codeOf(as.revoke("otherOwner", DEMO_IDS.studio, first.invitation.id))).toBe(
      "not_found",
    );
    expect(await codeOf(as.revoke("owner", DEMO_IDS.geofencedStudio, first.invitation.id))).toBe(
      "not_found",
    );
    await as.revoke("manager", DEMO_IDS.studio, first.invitation.id);
    expect(await codeOf(as.revoke("manager", DEMO_IDS.studio, first.invitation.id))).toBe(
      "conflict",
    );
    expect(await codeOf(as.resend("manager", DEMO_IDS.studio, first.invitation.id))).toBe(
      "conflict",
    );
  });

  it("lists owners, members and pending invitations", async () => {
    const pending = await invite("manager");
    const team = await as.list("manager", DEMO_IDS.studio);
    expect(team.owners.map((o) => o.email)).toEqual([DEMO_ACCOUNT.email]);
    expect(team.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: DEMO_STAFF.manager.email, role: "manager", you: true }),
        expect.objectContaining({
          email: DEMO_STAFF.frontDesk.email,
          role: "front_desk",
          you: false,
        }),
      ]),
    );
    expect(team.invitations).toEqual([
      expect.objectContaining({ id: pending.invitation.id, emailStatus: "pending" }),
    ]);
    expect(await codeOf(as.list("frontDesk", DEMO_IDS.studio))).toBe("forbidden");
  });

  it("takes the caller as the guard resolved it: the team's own reads only, no second role lookup", async () => {
    await invite("manager");
    const caller = await actorOf("manager", DEMO_IDS.studio);
    let selects = 0;
    const counted = new Proxy(fx.db, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (prop === "select" || prop === "selectDistinctOn") selects++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const team = await listTeam(counted, caller);
    expect(team.invitations).toHaveLength(1);
    // Owners, members, invitations and their email status; the studio and the caller's
    // memberships were read once, by the guard.
    expect(selects).toBe(4);
    // The rule is still checked beside the service, on the actor it is handed.
    expect(await codeOf(listTeam(counted, { ...caller, role: "front_desk" }))).toBe("forbidden");
  });

  it("changes roles and removes members, never yourself and never another studio's", async () => {
    const email = freshEmail();
    const { url } = await invite("manager", { email });
    const { userId } = await acceptInvitation(acceptDeps(), {
      token: tokenOf(url),
      name: "Temp",
      password: "a-long-enough-password",
      sessionUserId: null,
    });
    const team = await as.list("manager", DEMO_IDS.studio);
    const member = team.members.find((m) => m.userId === userId)!;
    const me = team.members.find((m) => m.you)!;

    await as.changeRole("manager", DEMO_IDS.studio, member.id, "manager");
    expect(await resolveStudioRole(fx.db, userId, DEMO_IDS.studio)).toMatchObject({
      role: "manager",
    });
    expect(await codeOf(as.remove("manager", DEMO_IDS.studio, me.id))).toBe("self_change_refused");
    expect(await codeOf(as.changeRole("manager", DEMO_IDS.studio, me.id, "front_desk"))).toBe(
      "self_change_refused",
    );
    expect(await codeOf(as.remove("otherOwner", DEMO_IDS.studio, member.id))).toBe("not_found");
    expect(await codeOf(as.remove("owner", DEMO_IDS.geofencedStudio, member.id))).toBe("not_found");
    expect(await codeOf(as.remove("frontDesk", DEMO_IDS.studio, member.id))).toBe("forbidden");

    await as.remove("manager", DEMO_IDS.studio, member.id);
    expect(await resolveStudioRole(fx.db, userId, DEMO_IDS.studio)).toBeNull();
  });
});
