import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokensRoute from "@/app/api/studios/[studioId]/api-tokens/route";
import * as doorsRoute from "@/app/api/studios/[studioId]/doors/route";
import * as previewRoute from "@/app/api/studios/[studioId]/email-preview/route";
import * as kisiKeyRoute from "@/app/api/studios/[studioId]/kisi-key/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as studioRoute from "@/app/api/studios/[studioId]/route";
import * as invitationsRoute from "@/app/api/studios/[studioId]/team/invitations/route";
import * as memberRoute from "@/app/api/studios/[studioId]/team/members/[membershipId]/route";
import * as studiosRoute from "@/app/api/studios/route";
import * as templateRoute from "@/app/api/brand-templates/[templateId]/route";
import * as templatesRoute from "@/app/api/brand-templates/route";
import { getAuth } from "@/lib/auth";
import { accessLinks, brandTemplates, memberships, studios } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { fromClient } from "../../support/client-address";

/**
 * The Studio API's bad-input tables through the real route handlers (SECURITY.md B-1, F-2, A-4):
 * wrong content types and oversized bodies on every JSON route, mass assignment of fields a
 * caller must never set (the stored rows are compared before and after), type confusion, and a
 * forged Host that must never reach an issued URL.
 */
let fx: AccessFixture;
let origin: string;
let owner: string;
const savedEnv = { ...process.env };
const g = globalThis as Record<string, unknown>;
const STUDIO = DEMO_IDS.studio;

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
function call(
  handler: unknown,
  params: Record<string, string>,
  init: {
    method: string;
    path: string;
    body?: string;
    json?: unknown;
    headers?: Record<string, string>;
    url?: string;
  },
): Promise<Response> {
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  const req = new NextRequest(init.url ?? `${origin}${init.path}`, {
    method: init.method,
    headers: {
      cookie: owner,
      origin,
      "content-type": "application/json",
      ...init.headers,
    },
    body,
  });
  return (handler as Handler)(req, { params: Promise.resolve(params as never) });
}

async function sessionCookie(email: string): Promise<string> {
  const res = await (
    await getAuth()
  ).handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin,
        ...fromClient("198.51.100.77"),
      },
      body: JSON.stringify({ email, password: DEMO_ACCOUNT.password }),
    }),
  );
  expect(res.status).toBe(200);
  return /latchkey\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
}

const window = () => ({
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validUntil: new Date(Date.now() + 3_600_000).toISOString(),
});
const studioRow = async (id: string = STUDIO) =>
  (await fx.db.select().from(studios).where(eq(studios.id, id)))[0];
const linkCount = async () => (await fx.db.select().from(accessLinks)).length;

let linkId: string;
let membershipId: string;
let templateId: string;

beforeAll(async () => {
  fx = await setupAccessFixture();
  origin = fx.config.appOrigin;
  process.env.LATCHKEY_DEMO = "1";
  process.env.KISI_BASE_URL = fx.emulator.url;
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
  owner = await sessionCookie(DEMO_ACCOUNT.email);
  linkId = (await fx.issue()).link.id;
  const [manager] = await fx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.studioId, STUDIO));
  membershipId = manager!.id;
  const created = await call(
    templatesRoute.POST,
    {},
    {
      method: "POST",
      path: "/api/brand-templates",
      json: { name: "Input test", fromStudioId: STUDIO },
    },
  );
  expect(created.status, await created.clone().text()).toBe(201);
  templateId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  for (const key of ["latchkeyDb", "latchkeyAuth", "latchkeyKisi"]) delete g[key];
  process.env = savedEnv;
  await fx.close();
});

/** Every Studio API route that reads a JSON body, with a body it would otherwise accept. */
const jsonRoutes = () =>
  [
    ["POST /api/studios", studiosRoute.POST, {}, "/api/studios", { name: "S", timeZone: "UTC" }],
    ["PATCH studio", studioRoute.PATCH, { studioId: STUDIO }, `/api/studios/${STUDIO}`, {}],
    ["POST links", linksRoute.POST, { studioId: STUDIO }, `/api/studios/${STUDIO}/links`, {}],
    [
      "PATCH link",
      linkRoute.PATCH,
      { studioId: STUDIO, linkId },
      `/api/studios/${STUDIO}/links/${linkId}`,
      {},
    ],
    ["PUT doors", doorsRoute.PUT, { studioId: STUDIO }, `/api/studios/${STUDIO}/doors`, {}],
    [
      "POST email-preview",
      previewRoute.POST,
      { studioId: STUDIO },
      `/api/studios/${STUDIO}/email-preview`,
      {},
    ],
    ["PUT kisi-key", kisiKeyRoute.PUT, { studioId: STUDIO }, `/api/studios/${STUDIO}/kisi-key`, {}],
    [
      "POST team invitation",
      invitationsRoute.POST,
      { studioId: STUDIO },
      `/api/studios/${STUDIO}/team/invitations`,
      {},
    ],
    [
      "PATCH team member",
      memberRoute.PATCH,
      { studioId: STUDIO, membershipId },
      `/api/studios/${STUDIO}/team/members/${membershipId}`,
      {},
    ],
    [
      "POST api-token",
      tokensRoute.POST,
      { studioId: STUDIO },
      `/api/studios/${STUDIO}/api-tokens`,
      {},
    ],
    ["POST brand template", templatesRoute.POST, {}, "/api/brand-templates", {}],
    [
      "PATCH brand template",
      templateRoute.PATCH,
      { templateId },
      `/api/brand-templates/${templateId}`,
      {},
    ],
  ] as const;

describe("content type and size on every JSON route (B-1)", () => {
  it("a form post, text/plain or no content type → 415; more than 16 KiB → 413; nothing stored", async () => {
    const before = await studioRow();
    const links = await linkCount();
    for (const [label, handler, params, path] of jsonRoutes()) {
      const method = label.split(" ")[0]!;
      for (const type of ["application/x-www-form-urlencoded", "text/plain", "text/json", ""]) {
        const res = await call(handler, params, {
          method,
          path,
          body: "{}",
          headers: { "content-type": type },
        });
        expect(res.status, `${label} with ${JSON.stringify(type)}`).toBe(415);
      }
      const big = JSON.stringify({ name: "x".repeat(17 * 1024) });
      const res = await call(handler, params, { method, path, body: big });
      expect(res.status, `${label} oversized`).toBe(413);
    }
    expect(await studioRow()).toEqual(before);
    expect(await linkCount()).toBe(links);
  });
});

describe("mass assignment (F-2, ASVS 15.3.3)", () => {
  it.each([
    ["organizationId", { name: "Moved", organizationId: DEMO_IDS.otherOrganization }],
    ["id", { name: "Renamed", id: DEMO_IDS.otherStudio }],
    ["kisiSecret", { kisiSecret: "kisi-sentinel-secret" }],
    ["kisiCredentialId", { kisiCredentialId: DEMO_IDS.otherCredential }],
    ["logoPath", { logoPath: "/etc/passwd" }],
    ["status in branding", { branding: { primaryColor: "#000000", status: "x" } }],
  ])("PATCH studio with %s → 422 and the row is unchanged", async (_label, json) => {
    const before = await studioRow();
    const res = await call(
      studioRoute.PATCH,
      { studioId: STUDIO },
      {
        method: "PATCH",
        path: `/api/studios/${STUDIO}`,
        json,
      },
    );
    expect(res.status).toBe(422);
    expect(await studioRow()).toEqual(before);
  });

  it.each([
    ["studioId of another tenant", { studioId: DEMO_IDS.otherStudio }],
    ["status", { status: "revoked" }],
    ["kisiSecret", { kisiSecret: "kisi-sentinel-secret" }],
    ["tokenHash", { tokenHash: "0".repeat(64) }],
    ["createdBy", { createdBy: "someone-else" }],
  ])("POST links with %s → 422 and no link is created", async (_label, extra) => {
    const links = await linkCount();
    const res = await call(
      linksRoute.POST,
      { studioId: STUDIO },
      {
        method: "POST",
        path: `/api/studios/${STUDIO}/links`,
        json: { name: "Mass", ...window(), ...extra },
      },
    );
    expect(res.status).toBe(422);
    expect(await linkCount()).toBe(links);
  });

  it.each([
    ["status", { status: "revoked" }],
    ["revokedAt", { revokedAt: new Date().toISOString() }],
    ["studioId", { studioId: DEMO_IDS.otherStudio }],
  ])("PATCH link with %s → 422 and the link is unchanged", async (_label, extra) => {
    const [before] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
    const res = await call(
      linkRoute.PATCH,
      { studioId: STUDIO, linkId },
      {
        method: "PATCH",
        path: `/api/studios/${STUDIO}/links/${linkId}`,
        json: { validUntil: new Date(Date.now() + 7_200_000).toISOString(), ...extra },
      },
    );
    expect(res.status).toBe(422);
    const [after] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
    expect(after).toEqual(before);
  });

  it("a member cannot be made owner, or moved to another studio, through PATCH", async () => {
    const [before] = await fx.db.select().from(memberships).where(eq(memberships.id, membershipId));
    for (const json of [
      { role: "owner" },
      { role: "manager", studioId: DEMO_IDS.otherStudio },
      { role: "manager", organizationId: DEMO_IDS.otherOrganization },
    ]) {
      const res = await call(
        memberRoute.PATCH,
        { studioId: STUDIO, membershipId },
        {
          method: "PATCH",
          path: `/api/studios/${STUDIO}/team/members/${membershipId}`,
          json,
        },
      );
      expect(res.status, JSON.stringify(json)).toBe(422);
    }
    const [after] = await fx.db.select().from(memberships).where(eq(memberships.id, membershipId));
    expect(after).toEqual(before);
  });

  it("a brand template cannot be moved to another organization", async () => {
    const [before] = await fx.db
      .select()
      .from(brandTemplates)
      .where(eq(brandTemplates.id, templateId));
    const res = await call(
      templateRoute.PATCH,
      { templateId },
      {
        method: "PATCH",
        path: `/api/brand-templates/${templateId}`,
        json: { name: "Moved", organizationId: DEMO_IDS.otherOrganization },
      },
    );
    expect(res.status).toBe(422);
    const [after] = await fx.db
      .select()
      .from(brandTemplates)
      .where(eq(brandTemplates.id, templateId));
    expect(after).toEqual(before);
  });

  it("an owner cannot create a studio in an organization they do not own", async () => {
    const count = (await fx.db.select().from(studios)).length;
    const res = await call(
      studiosRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/studios",
        json: { name: "Planted", timeZone: "UTC", organizationId: DEMO_IDS.otherOrganization },
      },
    );
    expect([403, 404]).toContain(res.status);
    expect((await fx.db.select().from(studios)).length).toBe(count);
  });

  it("an API token cannot be minted for another studio", async () => {
    const res = await call(
      tokensRoute.POST,
      { studioId: STUDIO },
      {
        method: "POST",
        path: `/api/studios/${STUDIO}/api-tokens`,
        json: { name: "Booking", studioId: DEMO_IDS.otherStudio },
      },
    );
    expect(res.status).toBe(422);
  });
});

describe("type confusion (ASVS 15.3.5)", () => {
  it.each([
    ["a number for the name", { name: 123 }],
    ["an array for branding", { branding: [] }],
    ["a string for the geofence", { geofence: "on" }],
    ["a string for a number", { classMinutes: "90" }],
    ["a fraction for a Kisi group id", { kisiGroupId: 1.5 }],
    ["a huge Kisi group id", { kisiGroupId: 1e21 }],
    ["a negative Kisi group id", { kisiGroupId: -1 }],
    ["a latitude of 91", { geofence: { latitude: 91, longitude: 13 } }],
    ['"NaN" for a latitude', { geofence: { latitude: "NaN", longitude: 13 } }],
    ["an object for a colour", { branding: { primaryColor: { r: 0 } } }],
    ["null for the body", null],
    ["an array for the body", [{ name: "x" }]],
  ])("PATCH studio with %s → 422, row unchanged", async (_label, json) => {
    const before = await studioRow();
    const res = await call(
      studioRoute.PATCH,
      { studioId: STUDIO },
      {
        method: "PATCH",
        path: `/api/studios/${STUDIO}`,
        json,
      },
    );
    expect(res.status).toBe(422);
    expect(await studioRow()).toEqual(before);
  });

  it("JSON's 1e309 (Infinity) for a coordinate is refused, never stored", async () => {
    const before = await studioRow();
    const res = await call(
      studioRoute.PATCH,
      { studioId: STUDIO },
      {
        method: "PATCH",
        path: `/api/studios/${STUDIO}`,
        body: '{"geofence":{"latitude":1e309,"longitude":13}}',
      },
    );
    expect(res.status).toBe(422);
    expect(await studioRow()).toEqual(before);
  });

  it.each([
    ["a string lock id", { lockId: "1", mode: "off" }],
    ["a negative lock id", { lockId: -1, mode: "off" }],
    ["a huge lock id", { lockId: 1e21, mode: "off" }],
    ["an unknown mode", { lockId: 1, mode: "open" }],
  ])("PUT doors with %s → 422", async (_label, json) => {
    const res = await call(
      doorsRoute.PUT,
      { studioId: STUDIO },
      {
        method: "PUT",
        path: `/api/studios/${STUDIO}/doors`,
        json,
      },
    );
    expect(res.status).toBe(422);
  });

  it.each(["../x", "1;drop", "00000000-0000-4000-8000-00000000000g", "%2e%2e%2f"])(
    "a malformed link id %j in the path → 404",
    async (bad) => {
      const res = await call(
        linkRoute.GET,
        { studioId: STUDIO, linkId: bad },
        {
          method: "GET",
          path: `/api/studios/${STUDIO}/links/x`,
          headers: { "content-type": "" },
        },
      );
      expect(res.status).toBe(404);
    },
  );
});

describe("a forged Host never reaches an issued URL (A-4)", () => {
  const forged = {
    host: "evil.example",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    forwarded: "host=evil.example;proto=https",
  };

  it("an issued link's URL uses APP_ORIGIN", async () => {
    const res = await call(
      linksRoute.POST,
      { studioId: STUDIO },
      {
        method: "POST",
        path: `/api/studios/${STUDIO}/links`,
        url: `http://evil.example/api/studios/${STUDIO}/links`,
        headers: forged,
        json: { name: "Host header guest", ...window() },
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url.startsWith(`${origin}/access/`)).toBe(true);
    expect(url).not.toContain("evil");
  });

  it("an invitation URL uses APP_ORIGIN", async () => {
    const res = await call(
      invitationsRoute.POST,
      { studioId: STUDIO },
      {
        method: "POST",
        path: `/api/studios/${STUDIO}/team/invitations`,
        url: `http://evil.example/api/studios/${STUDIO}/team/invitations`,
        headers: forged,
        json: { email: "host-test@example.com", role: "front_desk", locale: "en" },
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const text = await res.text();
    expect(text).toContain(`${origin}/invite/`);
    expect(text).not.toContain("evil");
  });

  it("the manager's session works the same: a forged Host is not a second origin for CSRF", async () => {
    const manager = await sessionCookie(DEMO_STAFF.manager.email);
    const res = await call(
      linksRoute.POST,
      { studioId: STUDIO },
      {
        method: "POST",
        path: `/api/studios/${STUDIO}/links`,
        url: `http://evil.example/api/studios/${STUDIO}/links`,
        headers: { ...forged, cookie: manager, origin: "http://evil.example" },
        json: { name: "Forged origin", ...window() },
      },
    );
    expect(res.status).toBe(403);
  });
});
