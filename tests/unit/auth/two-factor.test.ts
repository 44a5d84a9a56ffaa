import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as orgSecurityRoute from "@/app/api/organizations/[organizationId]/security/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as memberRoute from "@/app/api/studios/[studioId]/team/members/[membershipId]/route";
import { mustEnrolTwoFactor } from "@/lib/auth/two-factor-policy";
import { memberships, session, staffAudit, user } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { authRoutes, withCookies } from "../../support/auth-routes";
import { totp } from "../../support/totp";

/**
 * Two-factor and the session rules through the real /api/auth route and the app's guards, on the
 * demo tenant: enrolment with an authenticator app (codes computed per RFC 6238 here), sign-in
 * with a code or a backup code, "require two-factor" for an organization, and sessions ending on
 * team changes, password change and "sign out everywhere".
 */
let fx: AccessFixture;
let call: ReturnType<typeof authRoutes>["call"];
let restore: (() => void) | undefined;
const cookiesOf = (res: Response) => withCookies("", res);

const signIn = (email: string, password = DEMO_ACCOUNT.password) =>
  call(authRoute.POST, "/api/auth/sign-in/email", { json: { email, password } });

beforeAll(async () => {
  fx = await setupAccessFixture();
  ({ call, restore } = authRoutes(fx));
});
afterAll(async () => {
  restore?.();
  await fx.close();
});

describe("TOTP two-factor", () => {
  let uri: string;
  let backupCodes: string[];
  // A fake clock (Date only), in the middle of a 30 s step: each test moves to its own step, so a
  // code is never presented twice by accident and a step boundary never falls between calls.
  const STEP_MS = 30_000;
  const start = Math.floor(Date.now() / STEP_MS) * STEP_MS + STEP_MS / 2;
  const toStep = (n: number) => vi.setSystemTime(start + n * STEP_MS);
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    toStep(0);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("enrols with the password and a first code from the app", async () => {
    const cookie = cookiesOf(await signIn(DEMO_STAFF.manager.email));
    const wrongPassword = await call(authRoute.POST, "/api/auth/two-factor/enable", {
      cookie,
      json: { password: "not-the-password" },
    });
    expect(wrongPassword.status).toBe(400);
    const enabled = await call(authRoute.POST, "/api/auth/two-factor/enable", {
      cookie,
      json: { password: DEMO_ACCOUNT.password },
    });
    expect(enabled.status, await enabled.clone().text()).toBe(200);
    const body = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
    uri = body.totpURI;
    backupCodes = body.backupCodes;
    expect(uri).toMatch(/^otpauth:\/\/totp\/Latchkey:/);
    expect(backupCodes).toHaveLength(10);
    // Not on until a code proves the app has the secret.
    const [pending] = await fx.db
      .select()
      .from(user)
      .where(eq(user.email, DEMO_STAFF.manager.email));
    expect(pending!.twoFactorEnabled).toBe(false);
    const verified = await call(authRoute.POST, "/api/auth/two-factor/verify-totp", {
      cookie,
      json: { code: totp(uri) },
    });
    expect(verified.status, await verified.clone().text()).toBe(200);
    const [on] = await fx.db.select().from(user).where(eq(user.email, DEMO_STAFF.manager.email));
    expect(on!.twoFactorEnabled).toBe(true);
  });

  it("asks for a code after the password, and gives no session before it", async () => {
    toStep(1);
    const first = await signIn(DEMO_STAFF.manager.email);
    expect(first.status).toBe(200);
    expect(await first.clone().json()).toMatchObject({ twoFactorRedirect: true });
    expect(first.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c))).toBe(false);
    const pending = cookiesOf(first);
    const wrong = await call(authRoute.POST, "/api/auth/two-factor/verify-totp", {
      cookie: pending,
      json: { code: totp(uri, Date.now() - 10 * 60_000) },
    });
    expect(wrong.status).toBe(401);
    const ok = await call(authRoute.POST, "/api/auth/two-factor/verify-totp", {
      cookie: pending,
      json: { code: totp(uri) },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const cookie = cookiesOf(ok);
    expect(cookie).toMatch(/session_token=/);
    const list = await call(linksRoute.GET, `/api/studios/${DEMO_IDS.studio}/links`, {
      method: "GET",
      cookie,
      params: { studioId: DEMO_IDS.studio },
    });
    expect(list.status).toBe(200);
  });

  it("takes a code once: the same code again, or an older one, is refused until the next step", async () => {
    toStep(3);
    const pending = async () => cookiesOf(await signIn(DEMO_STAFF.manager.email));
    const verify = (cookie: string, code: string, language?: string) =>
      call(authRoute.POST, "/api/auth/two-factor/verify-totp", {
        cookie,
        json: { code },
        headers: language ? { "accept-language": language } : undefined,
      });
    const current = totp(uri);
    const first = await verify(await pending(), current);
    expect(first.status, await first.clone().text()).toBe(200);

    // Seen over a shoulder or through a phishing proxy: the same code, a new password step.
    const again = await verify(await pending(), current, "de");
    expect(again.status).toBe(401);
    const body = (await again.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("two_factor_code_reused");
    expect(body.error.message).toMatch(/bereits verwendet/);
    expect(again.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c))).toBe(false);

    // The next step's code (accepted early, as the app may show it) works once; after it, the
    // current step's code — never used, but older — is refused too.
    const next = totp(uri, Date.now() + STEP_MS);
    expect((await verify(await pending(), next)).status).toBe(200);
    const older = totp(uri, Date.now() - STEP_MS);
    expect(older).not.toBe(next);
    expect(
      ((await (await verify(await pending(), older)).json()) as { error: { code: string } }).error
        .code,
    ).toBe("two_factor_code_reused");

    // Two sign-ins racing with one fresh code: exactly one gets a session.
    toStep(5);
    const [a, b] = await Promise.all([pending(), pending()]);
    const code = totp(uri);
    const raced = await Promise.all([verify(a, code), verify(b, code)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 401]);

    // A wrong code is still better-auth's own failure, not a replay.
    toStep(7);
    const wrong = await verify(await pending(), totp(uri, Date.now() - 10 * 60_000));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("two_factor_code_reused");
  });

  it("takes a backup code once, instead of a code", async () => {
    const use = async () => {
      const pending = cookiesOf(await signIn(DEMO_STAFF.manager.email));
      return call(authRoute.POST, "/api/auth/two-factor/verify-backup-code", {
        cookie: pending,
        json: { code: backupCodes[0] },
      });
    };
    expect((await use()).status).toBe(200);
    expect((await use()).status).toBe(401);
  });
});

describe("an organization that requires two-factor", () => {
  it("sends a member without it nowhere but enrolment, and is in the staff audit", async () => {
    const owner = cookiesOf(await signIn(DEMO_ACCOUNT.email));
    const frontDesk = cookiesOf(await signIn(DEMO_STAFF.frontDesk.email));
    const path = `/api/studios/${DEMO_IDS.studio}/links`;
    const params = { studioId: DEMO_IDS.studio };
    expect(
      (await call(linksRoute.GET, path, { method: "GET", cookie: frontDesk, params })).status,
    ).toBe(200);

    const set = await call(
      orgSecurityRoute.PUT,
      `/api/organizations/${DEMO_IDS.organization}/security`,
      {
        method: "PUT",
        cookie: owner,
        json: { requireTwoFactor: true },
        params: { organizationId: DEMO_IDS.organization },
      },
    );
    expect(set.status, await set.clone().text()).toBe(200);
    const [desk] = await fx.db
      .select()
      .from(user)
      .where(eq(user.email, DEMO_STAFF.frontDesk.email));
    expect(await mustEnrolTwoFactor(fx.db, desk!.id)).toBe(true);
    const refused = await call(linksRoute.GET, path, { method: "GET", cookie: frontDesk, params });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "two_factor_required",
    );
    // Enrolment stays open to them.
    const enable = await call(authRoute.POST, "/api/auth/two-factor/enable", {
      cookie: frontDesk,
      json: { password: DEMO_ACCOUNT.password },
    });
    expect(enable.status).toBe(200);
    const { totpURI } = (await enable.json()) as { totpURI: string };
    expect(
      (
        await call(authRoute.POST, "/api/auth/two-factor/verify-totp", {
          cookie: frontDesk,
          json: { code: totp(totpURI) },
        })
      ).status,
    ).toBe(200);
    expect(await mustEnrolTwoFactor(fx.db, desk!.id)).toBe(false);

    const [record] = await fx.db
      .select()
      .from(staffAudit)
      .where(eq(staffAudit.action, "two_factor_required"));
    expect(record).toMatchObject({ organizationId: DEMO_IDS.organization, studioId: null });
    // Another organization's owner cannot change this one: 404.
    const other = cookiesOf(await signIn(DEMO_STAFF.otherOwner.email));
    const foreign = await call(
      orgSecurityRoute.PUT,
      `/api/organizations/${DEMO_IDS.organization}/security`,
      {
        method: "PUT",
        cookie: other,
        json: { requireTwoFactor: false },
        params: { organizationId: DEMO_IDS.organization },
      },
    );
    expect(foreign.status).toBe(404);
  });
});

describe("sessions end", () => {
  const sessionsOf = async (email: string) => {
    const [person] = await fx.db.select().from(user).where(eq(user.email, email));
    return fx.db.select().from(session).where(eq(session.userId, person!.id));
  };

  it("on a role change and on removal from the team", async () => {
    const [person] = await fx.db
      .select()
      .from(user)
      .where(eq(user.email, DEMO_STAFF.frontDesk.email));
    await fx.db.delete(session).where(eq(session.userId, person!.id));
    // A session of theirs (made directly: they now need two-factor to sign in).
    await fx.db.insert(session).values({
      id: "s-frontdesk",
      token: "t-frontdesk",
      userId: person!.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const [membership] = await fx.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, person!.id));
    // The owner enrols too, as the organization now requires.
    const ownerFirst = await signIn(DEMO_ACCOUNT.email);
    let owner = cookiesOf(ownerFirst);
    if (((await ownerFirst.json()) as { twoFactorRedirect?: boolean }).twoFactorRedirect !== true) {
      const enable = await call(authRoute.POST, "/api/auth/two-factor/enable", {
        cookie: owner,
        json: { password: DEMO_ACCOUNT.password },
      });
      const { totpURI } = (await enable.json()) as { totpURI: string };
      const verified = await call(authRoute.POST, "/api/auth/two-factor/verify-totp", {
        cookie: owner,
        json: { code: totp(totpURI) },
      });
      owner = cookiesOf(verified) || owner;
    }
    const path = `/api/studios/${DEMO_IDS.studio}/team/members/${membership!.id}`;
    const params = { studioId: DEMO_IDS.studio, membershipId: membership!.id };
    const changed = await call(memberRoute.PATCH, path, {
      method: "PATCH",
      cookie: owner,
      json: { role: "manager" },
      params,
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(await sessionsOf(DEMO_STAFF.frontDesk.email)).toEqual([]);

    await fx.db.insert(session).values({
      id: "s-frontdesk-2",
      token: "t-frontdesk-2",
      userId: person!.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const removed = await call(memberRoute.DELETE, path, {
      method: "DELETE",
      cookie: owner,
      params,
    });
    expect(removed.status, await removed.clone().text()).toBe(200);
    expect(await sessionsOf(DEMO_STAFF.frontDesk.email)).toEqual([]);
  });

  it("on a password change (the others) and on sign out everywhere (all)", async () => {
    const email = DEMO_STAFF.otherOwner.email;
    const one = cookiesOf(await signIn(email));
    const two = cookiesOf(await signIn(email));
    expect((await sessionsOf(email)).length).toBeGreaterThanOrEqual(2);
    const changed = await call(authRoute.POST, "/api/auth/change-password", {
      cookie: one,
      json: {
        currentPassword: DEMO_ACCOUNT.password,
        newPassword: "a-new-password-for-olivier",
        revokeOtherSessions: true,
      },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const after = await sessionsOf(email);
    expect(after).toHaveLength(1);
    const current = cookiesOf(changed) || one;
    expect(two).not.toBe(current);

    const everywhere = await call(authRoute.POST, "/api/auth/revoke-sessions", {
      cookie: current,
      json: {},
    });
    expect(everywhere.status, await everywhere.clone().text()).toBe(200);
    expect(await sessionsOf(email)).toEqual([]);
  });
});
