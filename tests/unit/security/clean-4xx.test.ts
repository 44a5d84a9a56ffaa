import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as brandTemplatesRoute from "@/app/api/brand-templates/route";
import * as acceptRoute from "@/app/api/invitations/accept/route";
import * as tokensRoute from "@/app/api/studios/[studioId]/api-tokens/route";
import * as emailPreviewRoute from "@/app/api/studios/[studioId]/email-preview/route";
import * as kisiKeyRoute from "@/app/api/studios/[studioId]/kisi-key/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import * as bulkPreviewRoute from "@/app/api/studios/[studioId]/links/bulk/preview/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as studioRoute from "@/app/api/studios/[studioId]/route";
import * as studiosRoute from "@/app/api/studios/route";
import { DEMO_ACCOUNT, DEMO_IDS } from "@/lib/demo/constants";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";
import { fromClient } from "../../support/client-address";

/**
 * Issue #15, "500s for client mistakes": every input the probe suite answered with a 500 now gets
 * a 422 naming the field, through the real route handlers and the real database (PostgreSQL
 * refuses U+0000 in text, which is what turned a NUL into a 500).
 */
let h: RouteHarness;
let owner: string;
const studioId = DEMO_IDS.studio;

beforeAll(async () => {
  h = await setupRouteHarness();
  owner = await h.sessionCookie(DEMO_ACCOUNT.email);
});
afterAll(() => h.close());

type ErrorJson = { error: { code: string; issues?: { path: string; code?: string }[] } };
const staff = () => ({ cookie: owner, origin: h.origin });
const soon = () => ({
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validUntil: new Date(Date.now() + 3_600_000).toISOString(),
});

async function expectFieldRefused(res: Response, path: string, code?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(422);
  const body = JSON.parse(text) as ErrorJson;
  expect(body.error.code).toBe("validation_failed");
  const issue = body.error.issues?.find((i) => i.path === path);
  expect(issue, text).toBeDefined();
  if (code) expect(issue?.code).toBe(code);
}

const post = (handler: unknown, path: string, json: unknown, params = { studioId }) =>
  h.call(handler, params, { method: "POST", path, headers: staff(), json });

describe("a NUL byte or a line break in a one-line text field", () => {
  const NUL = "Jane\u0000Guest";

  it("is refused in a link's name with the controlCharacters code, and nothing is written", async () => {
    const before = h.fx.emulator.requests.length;
    for (const name of [
      NUL,
      "Jane\r\nBcc: x@example.com",
      "Jane\rX",
      "Jane\nX",
      "Jane\u2028X",
      "Jane\u202eX",
    ]) {
      const res = await post(linksRoute.POST, `/api/studios/${studioId}/links`, {
        name,
        ...soon(),
      });
      await expectFieldRefused(res, "name", "controlCharacters");
    }
    expect(h.fx.emulator.requests.length).toBe(before);
  });

  it("is refused in the links search `q`", async () => {
    const res = await h.call(
      linksRoute.GET,
      { studioId },
      { path: `/api/studios/${studioId}/links?q=${encodeURIComponent(NUL)}`, headers: staff() },
    );
    await expectFieldRefused(res, "q", "controlCharacters");
  });

  it("is refused in an API token's name", async () => {
    const res = await post(tokensRoute.POST, `/api/studios/${studioId}/api-tokens`, { name: NUL });
    await expectFieldRefused(res, "name", "controlCharacters");
  });

  it("is refused in a new studio's name", async () => {
    const res = await post(studiosRoute.POST, "/api/studios", {
      name: NUL,
      timeZone: "Europe/Berlin",
    });
    await expectFieldRefused(res, "name", "controlCharacters");
  });

  it.each([
    ["name", { name: NUL }],
    ["name", { name: "Studio\r\nX-Probe-Injected: studio-name" }],
    ["branding.senderName", { branding: { senderName: "Front desk\r\nBcc: x@example.com" } }],
    ["branding.supportPhone", { branding: { supportPhone: "+49\u0000" } }],
    ["branding.address", { branding: { address: "Main St 1\u0000" } }],
  ])("is refused in the studio settings' %s", async (path, json) => {
    const res = await h.call(
      studioRoute.PATCH,
      { studioId },
      { method: "PATCH", path: `/api/studios/${studioId}`, headers: staff(), json },
    );
    await expectFieldRefused(res, path, "controlCharacters");
  });

  it("is refused in the email preview's draft branding", async () => {
    const res = await post(emailPreviewRoute.POST, `/api/studios/${studioId}/email-preview`, {
      primaryColor: "#1d4ed8",
      accentColor: "#0f766e",
      name: NUL,
    });
    await expectFieldRefused(res, "name", "controlCharacters");
  });

  it("is refused in a brand template's name", async () => {
    const res = await post(brandTemplatesRoute.POST, "/api/brand-templates", {
      name: NUL,
      primaryColor: "#1d4ed8",
      accentColor: "#0f766e",
    });
    await expectFieldRefused(res, "name", "controlCharacters");
  });

  it("is refused in a Kisi key", async () => {
    const res = await h.call(
      kisiKeyRoute.PUT,
      { studioId },
      {
        method: "PUT",
        path: `/api/studios/${studioId}/kisi-key`,
        headers: staff(),
        json: { apiKey: "abcdefgh\u0000ijkl" },
      },
    );
    await expectFieldRefused(res, "apiKey", "controlCharacters");
  });

  it("is refused in the name an invitee chooses", async () => {
    const res = await h.call(
      acceptRoute.POST,
      {},
      {
        method: "POST",
        path: "/api/invitations/accept",
        headers: { origin: h.origin, ...fromClient("203.0.113.77") },
        json: { token: "x".repeat(43), name: NUL, password: "a-long-enough-password" },
      },
    );
    await expectFieldRefused(res, "name", "controlCharacters");
  });
});

describe("a multi-line studio address", () => {
  it("keeps its line breaks (it is a textarea) and is saved", async () => {
    const res = await h.call(
      studioRoute.PATCH,
      { studioId },
      {
        method: "PATCH",
        path: `/api/studios/${studioId}`,
        headers: staff(),
        json: { branding: { address: "Main St 1\r\n10115 Berlin" } },
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { branding: { address: string } };
    expect(body.branding.address).toBe("Main St 1\r\n10115 Berlin");
  });
});

describe("a date that does not parse", () => {
  it.each(["tomorrow", "2030-02-30", "2030-02-30T10:00:00Z", "2030-13-01T10:00:00Z", ""])(
    "validFrom %j on POST …/links is a 422 on validFrom, never a 500",
    async (validFrom) => {
      const res = await post(linksRoute.POST, `/api/studios/${studioId}/links`, {
        name: "Date Probe",
        validFrom,
        validUntil: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await expectFieldRefused(res, "validFrom");
    },
  );

  it("validUntil that does not parse, with a valid start, is a 422 on validUntil", async () => {
    const res = await post(linksRoute.POST, `/api/studios/${studioId}/links`, {
      name: "Date Probe",
      validFrom: new Date().toISOString(),
      validUntil: "next week",
    });
    await expectFieldRefused(res, "validUntil");
  });

  it("on PATCH …/links/{id} is a 422 on the field too", async () => {
    const issued = await h.fx.issue({ guestName: "Patch Probe" });
    const res = await h.call(
      linkRoute.PATCH,
      { studioId, linkId: issued.link.id },
      {
        method: "PATCH",
        path: `/api/studios/${studioId}/links/${issued.link.id}`,
        headers: staff(),
        json: { validUntil: "2030-02-30" },
      },
    );
    await expectFieldRefused(res, "validUntil");
  });
});

describe("the CSV preview", () => {
  it("flags a NUL in a cell on its row and field, and never echoes it back", async () => {
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const csv = [
      "name,email,language,valid_from,valid_until",
      `Jane\u0000Guest,,en,${day} 09:00,${day} 18:00`,
      `Ok Guest,,en,${day} 09:00,${day} 18:00`,
      `"Line\r\nBreak",,en,${day} 09:00,${day} 18:00`,
      "",
    ].join("\r\n");
    const res = await h.call(
      bulkPreviewRoute.POST,
      { studioId },
      {
        method: "POST",
        path: `/api/studios/${studioId}/links/bulk/preview`,
        headers: { ...staff(), "content-type": "text/csv" },
        body: csv,
      },
    );
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toContain("\\u0000");
    const body = JSON.parse(text) as {
      valid: { row: number; name: string }[];
      errors: { row: number; field: string | null; code: string }[];
    };
    expect(body.valid.map((r) => r.name)).toEqual(["Ok Guest"]);
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 2, field: "name", code: "controlCharacters" }),
      expect.objectContaining({ row: 4, field: "name", code: "controlCharacters" }),
    ]);
  });
});
