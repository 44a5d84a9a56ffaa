import { and, desc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as applyRoute from "@/app/api/brand-templates/[templateId]/apply/route";
import * as templateRoute from "@/app/api/brand-templates/[templateId]/route";
import * as templatesRoute from "@/app/api/brand-templates/route";
import * as tokenRoute from "@/app/api/studios/[studioId]/api-tokens/[tokenId]/route";
import * as tokensRoute from "@/app/api/studios/[studioId]/api-tokens/route";
import * as doorsRoute from "@/app/api/studios/[studioId]/doors/route";
import * as kisiKeyRoute from "@/app/api/studios/[studioId]/kisi-key/route";
import * as logoRoute from "@/app/api/studios/[studioId]/logo/route";
import * as studioRoute from "@/app/api/studios/[studioId]/route";
import * as exportRoute from "@/app/api/studios/[studioId]/staff-audit/export/route";
import * as auditRoute from "@/app/api/studios/[studioId]/staff-audit/route";
import * as invitationRoute from "@/app/api/studios/[studioId]/team/invitations/[invitationId]/route";
import * as invitationsRoute from "@/app/api/studios/[studioId]/team/invitations/route";
import * as memberRoute from "@/app/api/studios/[studioId]/team/members/[membershipId]/route";
import * as studiosRoute from "@/app/api/studios/route";
import { getAuth } from "@/lib/auth";
import { memberships, staffAudit, studios, user } from "@/lib/db/schema";
import { runInRequestContext, setStaffActor } from "@/lib/staff-audit/context";
import { updateStudio } from "@/lib/studios/settings";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { DEMO_SEED } from "@/lib/kisi/emulator/seed";
import { configureLogger } from "@/lib/log/logger";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { fromClient } from "../../support/client-address";
import { totp } from "../../support/totp";

/**
 * The staff audit through the real route handlers (guards, withApi, services): each kind of
 * change writes one record with who, what (before/after of the changed fields, never a secret)
 * and a keyed hash of the trusted client address; a refused change writes none; owners and
 * managers read it, filter it, page it and export it as CSV.
 */
let fx: AccessFixture;
let origin: string;
const savedEnv = { ...process.env };
const g = globalThis as Record<string, unknown>;
const studioId = DEMO_IDS.studio;
const OWNER_IP = "198.51.100.31";

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
function call(
  handler: unknown,
  params: Record<string, string>,
  init: {
    method?: string;
    path: string;
    cookie: string;
    ip?: string;
    json?: unknown;
    body?: Buffer;
  },
): Promise<Response> {
  const headers: Record<string, string> = {
    cookie: init.cookie,
    origin,
    ...fromClient(init.ip ?? OWNER_IP),
  };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.body) headers["content-type"] = "image/png";
  const req = new NextRequest(`${origin}${init.path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body
      ? new Uint8Array(init.body)
      : init.json === undefined
        ? undefined
        : JSON.stringify(init.json),
  });
  return (handler as Handler)(req, { params: Promise.resolve(params as never) });
}

async function sessionCookie(email: string): Promise<string> {
  const res = await (
    await getAuth()
  ).handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...fromClient("198.51.100.30") },
      body: JSON.stringify({ email, password: DEMO_ACCOUNT.password }),
    }),
  );
  expect(res.status).toBe(200);
  return /latchkey\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
}

let owner: string;
let manager: string;
let frontDesk: string;
let ownerId: string;
let since: Date;

/** Records written since the test began, oldest first. */
async function newRecords() {
  const rows = await fx.db.select().from(staffAudit).orderBy(desc(staffAudit.createdAt));
  return rows.filter((r) => r.createdAt >= since).reverse();
}

beforeAll(async () => {
  fx = await setupAccessFixture();
  origin = fx.config.appOrigin;
  process.env.LATCHKEY_DEMO = "1";
  process.env.KISI_BASE_URL = fx.emulator.url;
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
  configureLogger({ level: "silent" });
  owner = await sessionCookie(DEMO_ACCOUNT.email);
  manager = await sessionCookie(DEMO_STAFF.manager.email);
  frontDesk = await sessionCookie(DEMO_STAFF.frontDesk.email);
  const [row] = await fx.db.select().from(user).where(eq(user.email, DEMO_ACCOUNT.email));
  ownerId = row!.id;
});
afterAll(async () => {
  for (const key of ["latchkeyDb", "latchkeyAuth", "latchkeyKisi"]) delete g[key];
  process.env = savedEnv;
  await fx.close();
});
beforeEach(() => {
  since = new Date(Date.now() - 1);
});

const studioPath = `/api/studios/${studioId}`;

describe("each kind of change is recorded with who, what and from where", () => {
  it("settings: only the changed fields, before and after, by the owner, with a hashed address", async () => {
    const res = await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: owner,
        json: { name: "Demo Studio Mitte", branding: { primaryColor: "#123456" } },
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const [record, ...rest] = await newRecords();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      studioId,
      kind: "settings",
      action: "updated",
      actorKind: "user",
      actorUserId: ownerId,
      actorName: DEMO_ACCOUNT.name,
    });
    expect(record!.changes).toEqual({
      name: { before: "Latchkey Demo Studio", after: "Demo Studio Mitte" },
      primaryColor: { before: expect.any(String), after: "#123456" },
    });
    // A keyed hash, not the address, and the same one for the same address.
    expect(record!.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(record)).not.toContain(OWNER_IP);
    await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: owner,
        json: { name: "Latchkey Demo Studio" },
      },
    );
    const [again] = (await newRecords()).slice(-1);
    expect(again!.ipHash).toBe(record!.ipHash);
  });

  it("geofence: its own kind, by a manager", async () => {
    const res = await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: manager,
        ip: "198.51.100.32",
        json: { geofence: { enabled: true, radiusM: 250 } },
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const records = await newRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: "geofence", actorName: DEMO_STAFF.manager.name });
    expect(records[0]!.changes.geofenceRadiusM).toEqual({ before: 100, after: 250 });
    expect(records[0]!.changes.geofenceEnabled).toEqual({ before: false, after: true });
  });

  it("Kisi group: recorded when the owner changes it; a manager's refused change records nothing", async () => {
    const refused = await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: manager,
        json: { kisiGroupId: DEMO_SEED.staffGroupId },
      },
    );
    expect(refused.status).toBe(403);
    const unknown = await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: owner,
        json: { kisiGroupId: 999_999 },
      },
    );
    expect(unknown.status).toBe(422);
    expect(await newRecords()).toEqual([]);

    const ok = await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: owner,
        json: { kisiGroupId: DEMO_SEED.staffGroupId },
      },
    );
    expect(ok.status, await ok.clone().text()).toBe(200);
    const [record] = await newRecords();
    expect(record).toMatchObject({ kind: "kisi_group", actorUserId: ownerId });
    expect(record!.changes.kisiGroupId).toEqual({
      before: DEMO_SEED.groupId,
      after: DEMO_SEED.staffGroupId,
    });
    // Back, for the other tests.
    await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: owner,
        json: { kisiGroupId: DEMO_SEED.groupId },
      },
    );
  });

  it("Kisi key: only 'replaced' and the last four, never the key", async () => {
    const res = await call(
      kisiKeyRoute.PUT,
      { studioId },
      {
        method: "PUT",
        path: `${studioPath}/kisi-key`,
        cookie: owner,
        json: { apiKey: DEMO_SEED.apiKey },
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const [record, ...rest] = await newRecords();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ kind: "kisi_key", action: "replaced" });
    const last4 = `…${DEMO_SEED.apiKey.slice(-4)}`;
    expect(record!.changes).toEqual({ keyLast4: { before: last4, after: last4 } });
    expect(JSON.stringify(record)).not.toContain(DEMO_SEED.apiKey.slice(0, -4));
  });

  it("doors: a door's override set and removed, with its fields", async () => {
    const lockId = DEMO_SEED.guestLockIds[0]!;
    const set = await call(
      doorsRoute.PUT,
      { studioId },
      {
        method: "PUT",
        path: `${studioPath}/doors`,
        cookie: manager,
        json: { lockId, mode: "custom", radiusM: 40 },
      },
    );
    expect(set.status, await set.clone().text()).toBe(200);
    const removed = await call(
      doorsRoute.PUT,
      { studioId },
      {
        method: "PUT",
        path: `${studioPath}/doors`,
        cookie: manager,
        json: { lockId, mode: "inherit" },
      },
    );
    expect(removed.status).toBe(200);
    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action, r.subject])).toEqual([
      ["door", "override_set", String(lockId)],
      ["door", "override_removed", String(lockId)],
    ]);
    expect(records[0]!.changes.geofenceRadiusM).toEqual({ before: null, after: 40 });
    expect(records[1]!.changes.geofenceRadiusM).toEqual({ before: 40, after: null });
  });

  it("doors: display names set, changed and removed, per language", async () => {
    const lockId = DEMO_SEED.guestLockIds[1]!;
    const put = (displayNames: Record<string, string>) =>
      call(
        doorsRoute.PUT,
        { studioId },
        {
          method: "PUT",
          path: `${studioPath}/doors`,
          cookie: manager,
          json: { lockId, mode: "inherit", displayNames },
        },
      );
    expect((await put({ de: "Haupteingang", fr: "Entrée" })).status).toBe(200);
    expect((await put({ de: "Vordereingang", fr: "" })).status).toBe(200);
    // The same names again change nothing, and record nothing.
    expect((await put({ de: "Vordereingang" })).status).toBe(200);
    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action, r.subject, r.actorName])).toEqual([
      ["door", "names_changed", String(lockId), DEMO_STAFF.manager.name],
      ["door", "names_changed", String(lockId), DEMO_STAFF.manager.name],
    ]);
    expect(records[0]!.changes).toEqual({
      "displayName.de": { before: null, after: "Haupteingang" },
      "displayName.fr": { before: null, after: "Entrée" },
    });
    expect(records[1]!.changes).toEqual({
      "displayName.de": { before: "Haupteingang", after: "Vordereingang" },
      "displayName.fr": { before: "Entrée", after: null },
    });
    expect(records.every((r) => r.ipHash && !r.ipHash.includes(OWNER_IP))).toBe(true);
  });

  it("team: a person turning their own two-factor on and off", async () => {
    const auth = (path: string, cookie: string, json: unknown) =>
      call(
        authRoute.POST,
        {},
        { method: "POST", path: `/api/auth/two-factor/${path}`, cookie, json },
      );
    const [desk] = await fx.db
      .select()
      .from(user)
      .where(eq(user.email, DEMO_STAFF.frontDesk.email));
    const enabled = await auth("enable", frontDesk, { password: DEMO_ACCOUNT.password });
    expect(enabled.status, await enabled.clone().text()).toBe(200);
    // Enrolment started is not two-factor on: nothing recorded yet.
    expect(await newRecords()).toEqual([]);
    const { totpURI } = (await enabled.json()) as { totpURI: string };
    const verified = await auth("verify-totp", frontDesk, { code: totp(totpURI) });
    expect(verified.status, await verified.clone().text()).toBe(200);
    // better-auth moves the person to a new session when two-factor goes on.
    frontDesk = /latchkey\.session_token=[^;]+/.exec(verified.headers.get("set-cookie") ?? "")![0];
    const wrong = await auth("disable", frontDesk, { password: "not-the-password" });
    expect(wrong.status).toBe(400);
    const off = await auth("disable", frontDesk, { password: DEMO_ACCOUNT.password });
    expect(off.status, await off.clone().text()).toBe(200);

    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action, r.subject, r.studioId, r.actorUserId])).toEqual([
      ["team", "two_factor_enabled", DEMO_STAFF.frontDesk.email, studioId, desk!.id],
      ["team", "two_factor_disabled", DEMO_STAFF.frontDesk.email, studioId, desk!.id],
    ]);
    expect(records[0]!.changes).toEqual({ twoFactorEnabled: { before: false, after: true } });
    expect(records[1]!.changes).toEqual({ twoFactorEnabled: { before: true, after: false } });
    expect(records[0]!.ipHash).toBeTruthy();
  });

  it("logo: uploaded and removed", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
      "base64",
    );
    const up = await call(
      logoRoute.PUT,
      { studioId },
      {
        method: "PUT",
        path: `${studioPath}/logo`,
        cookie: manager,
        body: png,
      },
    );
    expect(up.status, await up.clone().text()).toBe(200);
    const down = await call(
      logoRoute.DELETE,
      { studioId },
      {
        method: "DELETE",
        path: `${studioPath}/logo`,
        cookie: manager,
      },
    );
    expect(down.status).toBe(200);
    expect((await newRecords()).map((r) => [r.kind, r.action])).toEqual([
      ["settings", "logo_uploaded"],
      ["settings", "logo_removed"],
    ]);
  });

  it("team: invited, invitation withdrawn, role changed, removed", async () => {
    const invited = await call(
      invitationsRoute.POST,
      { studioId },
      {
        method: "POST",
        path: `${studioPath}/team/invitations`,
        cookie: manager,
        json: { email: "new.hire@example.com", role: "front_desk", locale: "en" },
      },
    );
    expect(invited.status, await invited.clone().text()).toBe(201);
    const { id: invitationId } = (await invited.json()) as { id: string };
    const withdrawn = await call(
      invitationRoute.DELETE,
      { studioId, invitationId },
      {
        method: "DELETE",
        path: `${studioPath}/team/invitations/${invitationId}`,
        cookie: manager,
      },
    );
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200);

    const [desk] = await fx.db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(user, eq(user.id, memberships.userId))
      .where(and(eq(user.email, DEMO_STAFF.frontDesk.email), eq(memberships.studioId, studioId)));
    const membershipId = desk!.id;
    const promoted = await call(
      memberRoute.PATCH,
      { studioId, membershipId },
      {
        method: "PATCH",
        path: `${studioPath}/team/members/${membershipId}`,
        cookie: owner,
        json: { role: "manager" },
      },
    );
    expect(promoted.status, await promoted.clone().text()).toBe(200);
    const removed = await call(
      memberRoute.DELETE,
      { studioId, membershipId },
      {
        method: "DELETE",
        path: `${studioPath}/team/members/${membershipId}`,
        cookie: owner,
      },
    );
    expect(removed.status).toBe(200);

    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action, r.subject])).toEqual([
      ["team", "invited", "new.hire@example.com"],
      ["team", "invitation_revoked", "new.hire@example.com"],
      ["team", "role_changed", DEMO_STAFF.frontDesk.email],
      ["team", "removed", DEMO_STAFF.frontDesk.email],
    ]);
    expect(records[2]!.changes).toEqual({ role: { before: "front_desk", after: "manager" } });
    // Put the front desk back for the tests below.
    const [desker] = await fx.db
      .select()
      .from(user)
      .where(eq(user.email, DEMO_STAFF.frontDesk.email));
    await fx.db.insert(memberships).values({
      userId: desker!.id,
      organizationId: DEMO_IDS.organization,
      studioId,
      role: "front_desk",
    });
    // The role change ended their sessions: sign them in again.
    frontDesk = await sessionCookie(DEMO_STAFF.frontDesk.email);
  });

  it("API tokens: created and revoked, named by name and prefix, never the token", async () => {
    const created = await call(
      tokensRoute.POST,
      { studioId },
      {
        method: "POST",
        path: `${studioPath}/api-tokens`,
        cookie: manager,
        json: { name: "Booking" },
      },
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { token, id: tokenId } = (await created.json()) as { token: string; id: string };
    const revoked = await call(
      tokenRoute.DELETE,
      { studioId, tokenId },
      {
        method: "DELETE",
        path: `${studioPath}/api-tokens/${tokenId}`,
        cookie: manager,
      },
    );
    expect(revoked.status).toBe(200);
    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action])).toEqual([
      ["api_token", "created"],
      ["api_token", "revoked"],
    ]);
    expect(records[0]!.subject).toMatch(/^Booking \(lk_[A-Za-z0-9_-]+…\)$/);
    expect(JSON.stringify(records)).not.toContain(token);
  });

  it("brand templates: created, changed, applied (per studio) and deleted", async () => {
    const created = await call(
      templatesRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/brand-templates",
        cookie: owner,
        json: { name: "Franchise", primaryColor: "#112233", accentColor: "#445566" },
      },
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { id: templateId } = (await created.json()) as { id: string };
    const path = `/api/brand-templates/${templateId}`;
    const changed = await call(
      templateRoute.PATCH,
      { templateId },
      {
        method: "PATCH",
        path,
        cookie: owner,
        json: { accentColor: "#665544" },
      },
    );
    expect(changed.status, await changed.clone().text()).toBe(200);
    const applied = await call(
      applyRoute.POST,
      { templateId },
      {
        method: "POST",
        path: `${path}/apply`,
        cookie: owner,
        json: { studioIds: [studioId] },
      },
    );
    expect(applied.status, await applied.clone().text()).toBe(200);
    const deleted = await call(
      templateRoute.DELETE,
      { templateId },
      {
        method: "DELETE",
        path,
        cookie: owner,
      },
    );
    expect(deleted.status).toBe(204);
    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action, r.studioId])).toEqual([
      ["brand_template", "created", null],
      ["brand_template", "updated", null],
      ["brand_template", "applied", studioId],
      ["brand_template", "deleted", null],
    ]);
    expect(records[1]!.changes).toEqual({ accentColor: { before: "#445566", after: "#665544" } });
    expect(records[2]!.changes.primaryColor?.after).toBe("#112233");
  });

  it("a new studio", async () => {
    const res = await call(
      studiosRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/studios",
        cookie: owner,
        json: {
          name: "Audit Annex",
          timeZone: "Europe/Berlin",
          defaultLocale: "de",
        },
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const records = await newRecords();
    expect(records.map((r) => [r.kind, r.action, r.subject, r.studioId])).toEqual([
      ["studio", "created", "Audit Annex", id],
    ]);
  });
});

describe("the record and the change share one transaction", () => {
  it("a change whose record cannot be written is not made", async () => {
    const [before] = await fx.db.select().from(studios).where(eq(studios.id, studioId));
    // An actor id with no account: the record's foreign key fails, inside the change's transaction.
    const failed = await runInRequestContext(new Headers(fromClient(OWNER_IP)), async () => {
      setStaffActor({ kind: "user", userId: "no-such-user" });
      return updateStudio(
        { db: fx.db, kisi: fx.deps.kisi, keyring: fx.config.encryption },
        before!,
        { name: "Never Saved" },
      ).catch((error: unknown) => error);
    });
    expect(failed).toBeInstanceOf(Error);
    const [after] = await fx.db.select().from(studios).where(eq(studios.id, studioId));
    expect(after!.name).toBe(before!.name);
    expect(await newRecords()).toEqual([]);
  });
});

describe("reading the audit", () => {
  const list = (cookie: string, query = "") =>
    call(auditRoute.GET, { studioId }, { path: `${studioPath}/staff-audit${query}`, cookie });

  it("owners and managers read it; front desk is refused", async () => {
    expect((await list(owner)).status).toBe(200);
    expect((await list(manager)).status).toBe(200);
    expect((await list(frontDesk)).status).toBe(403);
  });

  it("managers see their studio's records, owners the organization's templates too", async () => {
    const all = async (cookie: string) =>
      (
        (await (await list(cookie, "?limit=100")).json()) as {
          items: { kind: string; action: string }[];
        }
      ).items;
    const forOwner = await all(owner);
    const forManager = await all(manager);
    expect(forOwner.some((e) => e.kind === "brand_template" && e.action === "created")).toBe(true);
    expect(forManager.some((e) => e.kind === "brand_template" && e.action === "created")).toBe(
      false,
    );
    // The template applied to the manager's studio is theirs to see.
    expect(forManager.some((e) => e.kind === "brand_template" && e.action === "applied")).toBe(
      true,
    );
  });

  it("filters by kind and person, and pages without repeats", async () => {
    const team = (await (await list(owner, "?kind=team")).json()) as { items: { kind: string }[] };
    expect(team.items.length).toBeGreaterThan(0);
    expect(team.items.every((e) => e.kind === "team")).toBe(true);
    const byOwner = (await (await list(owner, `?actor=${ownerId}`)).json()) as {
      items: { actor: { userId: string } }[];
    };
    expect(byOwner.items.length).toBeGreaterThan(0);
    expect(byOwner.items.every((e) => e.actor.userId === ownerId)).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await list(owner, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`)
      ).json()) as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    const whole = (await (await list(owner, "?limit=100")).json()) as { items: { id: string }[] };
    expect(seen).toEqual(whole.items.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("refuses a bad filter with 422, not 500", async () => {
    expect((await list(owner, "?kind=passwords")).status).toBe(422);
  });

  it("refuses a cursor it did not write with 400 — out-of-range dates too — never restarting", async () => {
    const forged = (at: string) =>
      Buffer.from(JSON.stringify([at, "00000000-0000-4000-8000-000000000000"])).toString(
        "base64url",
      );
    for (const cursor of [
      "garbage",
      forged("+010000-01-01T00:00:00.000000Z"),
      forged("2026-13-01T00:00:00.000000Z"),
    ]) {
      const res = await list(owner, `?cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "invalid_request",
      );
    }
  });

  it("exports the same entries as CSV, formulas defused", async () => {
    await call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: studioPath,
        cookie: owner,
        json: { branding: { senderName: '=HYPERLINK("https://evil.example")' } },
      },
    );
    const res = await call(
      exportRoute.GET,
      { studioId },
      {
        path: `${studioPath}/staff-audit/export?kind=settings`,
        cookie: manager,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="staff-audit-/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "time,kind,action,subject,actor_kind,actor_name,actor_user_id,changes,ip_hash",
    );
    const rows = lines.slice(1);
    const api = (await (await list(manager, "?kind=settings&limit=100")).json()) as {
      items: unknown[];
    };
    expect(rows).toHaveLength(api.items.length);
    expect(rows.every((r) => r.split(",")[1] === "settings")).toBe(true);
    // The changes cell is JSON inside quotes; the formula is in it as data, not as a cell start.
    expect(rows[0]).toContain("HYPERLINK");
    expect(rows.some((r) => /(^|,)=/.test(r))).toBe(false);
    expect(
      (
        await call(
          exportRoute.GET,
          { studioId },
          {
            path: `${studioPath}/staff-audit/export`,
            cookie: frontDesk,
          },
        )
      ).status,
    ).toBe(403);
  });
});
