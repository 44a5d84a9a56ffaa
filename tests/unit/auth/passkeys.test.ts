import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import { relyingPartyOf } from "@/lib/auth/relying-party";
import { passkey, staffAudit, user } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { authRoutes, withCookies } from "../../support/auth-routes";
import { softwareAuthenticator } from "../../support/software-authenticator";

/**
 * Passkeys through the real /api/auth route, with a WebAuthn authenticator in software: the
 * relying party comes from APP_ORIGIN, adding and removing need the password and are audited,
 * a passkey signs in alone (also for someone with TOTP on) only when the authenticator verified
 * its user, a passkey answer made for another origin is refused, and a removed one is dead.
 */
const ORIGIN = "http://localhost:3000";
let fx: AccessFixture;
let call: ReturnType<typeof authRoutes>["call"];
let restore: (() => void) | undefined;

async function signedIn(email: string): Promise<string> {
  const res = await call(authRoute.POST, "/api/auth/sign-in/email", {
    json: { email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return withCookies("", res);
}

const manager = softwareAuthenticator(ORIGIN);

/** Options, then the authenticator's answer; resolves to the verify-registration response. */
async function register(
  cookie: string,
  body: { name?: string; password?: string },
  { userVerified = true, authenticator = manager } = {},
) {
  const options = await call(authRoute.GET, "/api/auth/passkey/generate-register-options", {
    method: "GET",
    cookie,
  });
  expect(options.status, await options.clone().text()).toBe(200);
  const json = (await options.json()) as { challenge: string; rp: { id: string } };
  const response = authenticator.register(json, { userVerified });
  const res = await call(authRoute.POST, "/api/auth/passkey/verify-registration", {
    cookie: withCookies(cookie, options),
    json: { response, ...body },
  });
  return { res, credentialId: response.id, rpId: json.rp.id };
}

/** Sign-in with a passkey: options without a session, then the signed assertion. */
async function assertWith(
  credentialId: string,
  { userVerified = true, authenticator = manager } = {},
) {
  const options = await call(authRoute.GET, "/api/auth/passkey/generate-authenticate-options", {
    method: "GET",
  });
  expect(options.status).toBe(200);
  const json = (await options.json()) as { challenge: string; rpId: string };
  const response = authenticator.assert(credentialId, json, { userVerified });
  return call(authRoute.POST, "/api/auth/passkey/verify-authentication", {
    cookie: withCookies("", options),
    json: { response },
  });
}

const managerId = async () =>
  (
    await fx.db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_STAFF.manager.email))
  )[0]!.id;

const passkeysOf = async (userId: string) =>
  fx.db.select().from(passkey).where(eq(passkey.userId, userId));

const auditOf = async (action: string) =>
  fx.db
    .select()
    .from(staffAudit)
    .where(and(eq(staffAudit.action, action), eq(staffAudit.subject, DEMO_STAFF.manager.email)));

beforeAll(async () => {
  fx = await setupAccessFixture();
  ({ call, restore } = authRoutes(fx, ORIGIN));
});
afterAll(async () => {
  restore?.();
  await fx.close();
});

describe("the relying party", () => {
  it.each([
    [
      "https://access.example.com",
      { id: "access.example.com", origin: "https://access.example.com" },
    ],
    ["http://localhost:3000", { id: "localhost", origin: "http://localhost:3000" }],
    // WebAuthn refuses an IP address as RP ID: no passkeys there.
    ["http://127.0.0.1:3000", null],
    ["http://[::1]:3000", null],
    ["https://203.0.113.7", null],
  ])("%s → %j", (origin, expected) => {
    expect(relyingPartyOf(origin)).toEqual(expected);
  });
});

describe("passkeys", () => {
  let credentialId = "";

  it("adds a passkey only with the password, a clean name and a verified user", async () => {
    const cookie = await signedIn(DEMO_STAFF.manager.email);
    const userId = await managerId();

    const noPassword = await register(cookie, { name: "Phone" });
    expect(noPassword.res.status).toBe(422); // the body check: password is required
    const wrongPassword = await register(cookie, { name: "Phone", password: "not-the-password" });
    expect(wrongPassword.res.status).toBe(400);
    expect(await wrongPassword.res.json()).toMatchObject({ code: "INVALID_PASSWORD" });
    const badName = await register(cookie, {
      name: "Phone\r\nX-Injected: 1",
      password: DEMO_ACCOUNT.password,
    });
    expect(badName.res.status).toBe(422);
    expect(((await badName.res.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
    const tapOnly = await register(
      cookie,
      { name: "Phone", password: DEMO_ACCOUNT.password },
      { userVerified: false },
    );
    expect(tapOnly.res.status).toBe(401);
    expect(await passkeysOf(userId)).toEqual([]);
    expect(await auditOf("passkey_added")).toEqual([]);

    const added = await register(cookie, { name: "Phone", password: DEMO_ACCOUNT.password });
    expect(added.res.status, await added.res.clone().text()).toBe(200);
    expect(added.rpId).toBe("localhost");
    credentialId = added.credentialId;
    const rows = await passkeysOf(userId);
    expect(rows.map((r) => [r.name, r.credentialID])).toEqual([["Phone", credentialId]]);
    const audit = await auditOf("passkey_added");
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]!.changes).toEqual({ passkey: { before: null, after: "Phone" } });
    expect(audit[0]!.actorUserId).toBe(userId);
  });

  it("signs in with the passkey alone, TOTP on or not, and the answer holds no token", async () => {
    // Two-factor on: a verified passkey is two factors, so no code is asked after it.
    await fx.db
      .update(user)
      .set({ twoFactorEnabled: true })
      .where(eq(user.id, await managerId()));
    const res = await assertWith(credentialId);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      user: { email: string };
      session: Record<string, unknown>;
    };
    expect(body.user.email).toBe(DEMO_STAFF.manager.email);
    expect(body.session).not.toHaveProperty("token");
    expect(JSON.stringify(body)).not.toContain("twoFactorRedirect");
    const cookie = withCookies("", res);
    expect(cookie).toMatch(/session_token=/);
    const links = await call(linksRoute.GET, `/api/studios/${DEMO_IDS.studio}/links`, {
      method: "GET",
      cookie,
      params: { studioId: DEMO_IDS.studio },
    });
    expect(links.status).toBe(200);
  });

  it("refuses an assertion without user verification, and one made for another origin", async () => {
    const tapOnly = await assertWith(credentialId, { userVerified: false });
    expect(tapOnly.status).toBe(401);
    expect(tapOnly.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c))).toBe(false);
    // A phishing site relaying the ceremony: the browser signs its own origin into the answer.
    const phished = softwareAuthenticator("https://latchkey-login.example");
    const cookie = await signedIn(DEMO_STAFF.frontDesk.email);
    const planted = await register(
      cookie,
      { name: "Elsewhere", password: DEMO_ACCOUNT.password },
      { authenticator: phished },
    );
    expect(planted.res.status).toBe(400);
    expect(((await planted.res.json()) as { error: { code: string } }).error.code).toBe(
      "passkey_not_accepted",
    );
    expect(await fx.db.select().from(passkey).where(eq(passkey.name, "Elsewhere"))).toEqual([]);
  });

  it("removes a passkey only with the password; a removed passkey no longer signs in", async () => {
    // Signed in by the passkey itself (the manager has TOTP on since the test above).
    const cookie = withCookies("", await assertWith(credentialId));
    const userId = await managerId();
    const [row] = await passkeysOf(userId);
    const remove = (password?: string) =>
      call(authRoute.POST, "/api/auth/passkey/delete-passkey", {
        cookie,
        json: { id: row!.id, ...(password === undefined ? {} : { password }) },
      });
    expect((await remove()).status).toBe(400);
    expect((await remove("not-the-password")).status).toBe(400);
    expect(await passkeysOf(userId)).toHaveLength(1);
    // Someone else's passkey cannot be removed, even with their own password.
    const other = await signedIn(DEMO_STAFF.frontDesk.email);
    const foreign = await call(authRoute.POST, "/api/auth/passkey/delete-passkey", {
      cookie: other,
      json: { id: row!.id, password: DEMO_ACCOUNT.password },
    });
    expect(foreign.status).toBe(401);
    expect(await passkeysOf(userId)).toHaveLength(1);

    const removed = await remove(DEMO_ACCOUNT.password);
    expect(removed.status, await removed.clone().text()).toBe(200);
    expect(await passkeysOf(userId)).toEqual([]);
    const audit = await auditOf("passkey_removed");
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]!.changes).toEqual({ passkey: { before: "Phone", after: null } });

    const dead = await assertWith(credentialId);
    expect(dead.status).toBe(401);
    expect(dead.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c))).toBe(false);
  });
});
