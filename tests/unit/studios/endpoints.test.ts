import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as templateRoute from "@/app/api/brand-templates/[templateId]/route";
import * as templatesRoute from "@/app/api/brand-templates/route";
import * as securityRoute from "@/app/api/organizations/[organizationId]/security/route";
import * as studioLogoRoute from "@/app/api/studio-logos/[studioId]/route";
import * as logoRoute from "@/app/api/studios/[studioId]/logo/route";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { MAX_LOGO_BYTES } from "@/lib/schemas/studios";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";

/**
 * The contract kinds the studio routes brought to handle(): a raw upload body (the logo), a raw
 * image answer with a bare 404, a 204 without a body, and the owner caller that settles who may
 * call before any body is read. Through the real route handlers and the real database.
 */
let h: RouteHarness;
let owner: string;
let manager: string;
let otherOwner: string;
const studioId = DEMO_IDS.studio;
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  h = await setupRouteHarness();
  owner = await h.sessionCookie(DEMO_ACCOUNT.email);
  manager = await h.sessionCookie(DEMO_STAFF.manager.email);
  otherOwner = await h.sessionCookie(DEMO_STAFF.otherOwner.email);
});
afterAll(() => h.close());

const as = (cookie: string) => ({ cookie, origin: h.origin });
const upload = (bytes: Uint8Array) =>
  h.call(
    logoRoute.PUT,
    { studioId },
    {
      method: "PUT",
      path: `/api/studios/${studioId}/logo`,
      headers: { ...as(manager), "content-type": "application/octet-stream" },
      body: bytes,
    },
  );
const publicLogo = (id: string) =>
  h.call(studioLogoRoute.GET, { studioId: id }, { path: `/api/studio-logos/${id}` });

describe("the studio logo", () => {
  it("is uploaded as raw bytes and served back publicly with its sniffed type", async () => {
    const res = await upload(PNG_1X1);
    expect(res.status, await res.clone().text()).toBe(200);
    const { logoUrl } = (await res.json()) as { logoUrl: string };
    expect(logoUrl).toMatch(new RegExp(`^/api/studio-logos/${studioId}\\?v=\\d+$`));

    const served = await publicLogo(studioId);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG_1X1)).toBe(true);
  });

  it("refuses a body above the limit with 413 and an SVG with 415, in the error envelope", async () => {
    const big = await upload(Buffer.concat([PNG_1X1, Buffer.alloc(MAX_LOGO_BYTES)]));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      "payload_too_large",
    );
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(svg.status).toBe(415);
  });

  it("is a bare 404 (no JSON) for an unknown studio, a malformed id, and after removal", async () => {
    for (const id of ["00000000-0000-4000-8000-00000000dead", "not-a-uuid"]) {
      const res = await publicLogo(id);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("");
    }
    const removed = await h.call(
      logoRoute.DELETE,
      { studioId },
      { method: "DELETE", path: `/api/studios/${studioId}/logo`, headers: as(manager) },
    );
    expect(await removed.json()).toEqual({ logoUrl: null });
    expect((await publicLogo(studioId)).status).toBe(404);
  });
});

describe("brand templates", () => {
  it("are a 403 to someone who owns no organization, and a delete answers 204 with no body", async () => {
    const list = await h.call(
      templatesRoute.GET,
      {},
      { path: "/api/brand-templates", headers: as(manager) },
    );
    expect(list.status).toBe(403);

    const created = await h.call(
      templatesRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/brand-templates",
        headers: as(owner),
        json: { name: `Delete me ${Date.now()}`, fromStudioId: studioId },
      },
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const path = `/api/brand-templates/${id}`;
    const deleted = await h.call(
      templateRoute.DELETE,
      { templateId: id },
      { method: "DELETE", path, headers: as(owner) },
    );
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    const gone = await h.call(templateRoute.GET, { templateId: id }, { path, headers: as(owner) });
    expect(gone.status).toBe(404);
  });
});

describe("an organization's security setting", () => {
  const path = `/api/organizations/${DEMO_IDS.organization}/security`;
  const put = (cookie: string, json: unknown) =>
    h.call(
      securityRoute.PUT,
      { organizationId: DEMO_IDS.organization },
      { method: "PUT", path, headers: as(cookie), json },
    );

  it("is a 404 to anyone but its owners, decided before the body is read", async () => {
    // A bad body from a stranger is still a 404: nothing tells them the organization exists.
    for (const cookie of [otherOwner, manager]) {
      expect((await put(cookie, { requireTwoFactor: "yes" })).status).toBe(404);
      expect((await put(cookie, { requireTwoFactor: false })).status).toBe(404);
    }
    const bad = await put(owner, { requireTwoFactor: "yes" });
    expect(bad.status).toBe(422);
    const ok = await put(owner, { requireTwoFactor: false });
    expect(await ok.json()).toEqual({
      organizationId: DEMO_IDS.organization,
      requireTwoFactor: false,
    });
  });
});
