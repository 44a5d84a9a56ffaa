import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokensRoute from "@/app/api/studios/[studioId]/api-tokens/route";
import * as tokenRoute from "@/app/api/studios/[studioId]/api-tokens/[tokenId]/route";
import * as kisiKeyRoute from "@/app/api/studios/[studioId]/kisi-key/route";
import * as emailRoute from "@/app/api/studios/[studioId]/links/[linkId]/email/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as logoRoute from "@/app/api/studios/[studioId]/logo/route";
import * as studioRoute from "@/app/api/studios/[studioId]/route";
import * as studiosRoute from "@/app/api/studios/route";
import { API_TOKEN_LIMITS, apiTokenRateKey, createApiToken } from "@/lib/api-tokens/service";
import { getAuth } from "@/lib/auth";
import { accessLinks, apiTokens, rateLimitCounters } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { configureLogger } from "@/lib/log/logger";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { fromClient } from "../../support/client-address";

/**
 * The Bearer path of the guard through the real route handlers: the app's own getDb/getAuth/
 * getKisiClient, pointed at an in-memory PGlite with the demo tenant and the Kisi emulator.
 */
let fx: AccessFixture;
let origin: string;
const logLines: string[] = [];
const savedEnv = { ...process.env };
const g = globalThis as Record<string, unknown>;

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
function call(
  handler: unknown,
  params: Record<string, string>,
  init: { method?: string; path: string; headers?: Record<string, string>; json?: unknown },
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`${origin}${init.path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return (handler as Handler)(req, { params: Promise.resolve(params as never) });
}

async function sessionCookie(email: string, ip: string): Promise<string> {
  const auth = await getAuth();
  const res = await auth.handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...fromClient(ip) },
      body: JSON.stringify({ email, password: DEMO_ACCOUNT.password }),
    }),
  );
  expect(res.status).toBe(200);
  const cookie = /latchkey\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  expect(cookie).toBeTruthy();
  return cookie!;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const window = () => ({
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validUntil: new Date(Date.now() + 3_600_000).toISOString(),
});
const newToken = async (studioId: string = DEMO_IDS.studio) =>
  createApiToken(fx.db, { studioId, name: "Booking", createdBy: null });

let managerCookie: string;

beforeAll(async () => {
  fx = await setupAccessFixture();
  origin = fx.config.appOrigin;
  process.env.LATCHKEY_DEMO = "1";
  process.env.KISI_BASE_URL = fx.emulator.url;
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
  configureLogger({ level: "debug", sink: (line) => logLines.push(line) });
  managerCookie = await sessionCookie(DEMO_STAFF.manager.email, "198.51.100.21");
});
afterAll(async () => {
  configureLogger({ level: "silent" });
  for (const key of ["latchkeyDb", "latchkeyAuth", "latchkeyKisi"]) delete g[key];
  process.env = savedEnv;
  await fx.close();
});

describe("a token of its own studio", () => {
  it("works every links action, records itself as the creator, and needs no Origin", async () => {
    const { token, summary } = await newToken();
    const studioId = DEMO_IDS.studio;

    const issued = await call(
      linksRoute.POST,
      { studioId },
      {
        method: "POST",
        path: `/api/studios/${studioId}/links`,
        headers: { ...bearer(token), "idempotency-key": "guard-test-1" },
        json: { name: "Token Guest", email: "guest@example.com", sendEmail: false, ...window() },
      },
    );
    expect(issued.status, await issued.clone().text()).toBe(201);
    const { id: linkId } = (await issued.json()) as { id: string };
    const [link] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
    expect(link?.createdBy).toBe(`api-token:${summary.id}`);

    const p = { studioId, linkId };
    const path = `/api/studios/${studioId}/links/${linkId}`;
    const list = await call(
      linksRoute.GET,
      { studioId },
      {
        path: `/api/studios/${studioId}/links`,
        headers: bearer(token),
      },
    );
    expect(list.status).toBe(200);
    expect((await call(linkRoute.GET, p, { path, headers: bearer(token) })).status).toBe(200);
    const patched = await call(linkRoute.PATCH, p, {
      method: "PATCH",
      path,
      headers: bearer(token),
      json: { validUntil: new Date(Date.now() + 7_200_000).toISOString() },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const resent = await call(emailRoute.POST, p, {
      method: "POST",
      path: `${path}/email`,
      headers: bearer(token),
    });
    expect(resent.status).toBe(202);
    const revoked = await call(linkRoute.DELETE, p, {
      method: "DELETE",
      path,
      headers: bearer(token),
    });
    expect(revoked.status).toBe(200);

    const [row] = await fx.db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("refusals", () => {
  const listWith = (headers: Record<string, string>, studioId: string = DEMO_IDS.studio) =>
    call(linksRoute.GET, { studioId }, { path: `/api/studios/${studioId}/links`, headers });

  it("answers 404 for a sibling studio and another organization's, like an unknown studio", async () => {
    const { token } = await newToken();
    expect((await listWith(bearer(token), DEMO_IDS.geofencedStudio)).status).toBe(404);
    expect((await listWith(bearer(token), DEMO_IDS.otherStudio)).status).toBe(404);
    expect((await listWith(bearer(token), "00000000-0000-4000-8000-00000000ffff")).status).toBe(
      404,
    );
    const issue = await call(
      linksRoute.POST,
      { studioId: DEMO_IDS.otherStudio },
      {
        method: "POST",
        path: `/api/studios/${DEMO_IDS.otherStudio}/links`,
        headers: bearer(token),
        json: { name: "Intruder", ...window() },
      },
    );
    expect(issue.status).toBe(404);
    const other = await fx.db
      .select()
      .from(accessLinks)
      .where(eq(accessLinks.studioId, DEMO_IDS.otherStudio));
    expect(other).toEqual([]);
  });

  it("answers 401 for a revoked, unknown or malformed token", async () => {
    const { token, summary } = await newToken();
    expect((await listWith(bearer(token))).status).toBe(200);
    const revoke = await call(
      tokenRoute.DELETE,
      {
        studioId: DEMO_IDS.studio,
        tokenId: summary.id,
      },
      {
        method: "DELETE",
        path: `/api/studios/${DEMO_IDS.studio}/api-tokens/${summary.id}`,
        headers: { cookie: managerCookie, origin },
      },
    );
    expect(revoke.status).toBe(200);
    expect((await listWith(bearer(token))).status).toBe(401);

    const unknown = `lk_${"A".repeat(43)}`;
    for (const authorization of [
      `Bearer ${unknown}`,
      `Bearer ${token.slice(3)}`,
      "Bearer not-a-token",
      "Bearer",
      "Bearer ",
      `Bearer ${token} extra`,
    ]) {
      const res = await listWith({ authorization });
      expect(res.status, authorization).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it("decides a request with both a session cookie and a token by the token alone", async () => {
    const { token, summary } = await newToken();
    await fx.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, summary.id));
    expect((await listWith({ cookie: managerCookie })).status).toBe(200);
    expect((await listWith({ cookie: managerCookie, ...bearer(token) })).status).toBe(401);
    const live = await newToken(DEMO_IDS.geofencedStudio);
    // The session is the manager's own studio, but the token is the sibling's: 404.
    expect((await listWith({ cookie: managerCookie, ...bearer(live.token) })).status).toBe(404);
  });

  it("keeps settings, the Kisi key, the logo, studios and token management out of a token's reach", async () => {
    const { token } = await newToken();
    const studioId = DEMO_IDS.studio;
    const headers = { ...bearer(token), cookie: managerCookie, origin };
    const attempts: Array<[string, Promise<Response>]> = [
      [
        "GET settings",
        call(studioRoute.GET, { studioId }, { path: `/api/studios/${studioId}`, headers }),
      ],
      [
        "PATCH settings",
        call(
          studioRoute.PATCH,
          { studioId },
          {
            method: "PATCH",
            path: `/api/studios/${studioId}`,
            headers,
            json: { name: "Hijacked" },
          },
        ),
      ],
      [
        "PUT kisi-key",
        call(
          kisiKeyRoute.PUT,
          { studioId },
          {
            method: "PUT",
            path: `/api/studios/${studioId}/kisi-key`,
            headers,
            json: { apiKey: "x".repeat(32) },
          },
        ),
      ],
      [
        "DELETE logo",
        call(
          logoRoute.DELETE,
          { studioId },
          {
            method: "DELETE",
            path: `/api/studios/${studioId}/logo`,
            headers,
          },
        ),
      ],
      [
        "POST studios",
        call(
          studiosRoute.POST,
          {},
          {
            method: "POST",
            path: "/api/studios",
            headers,
            json: { name: "Token Studio", timeZone: "UTC" },
          },
        ),
      ],
      [
        "GET api-tokens",
        call(
          tokensRoute.GET,
          { studioId },
          { path: `/api/studios/${studioId}/api-tokens`, headers },
        ),
      ],
      [
        "POST api-tokens",
        call(
          tokensRoute.POST,
          { studioId },
          {
            method: "POST",
            path: `/api/studios/${studioId}/api-tokens`,
            headers,
            json: { name: "Minted by a token" },
          },
        ),
      ],
    ];
    for (const [label, pending] of attempts) expect((await pending).status, label).toBe(401);
    const names = (await fx.db.select().from(apiTokens)).map((t) => t.name);
    expect(names).not.toContain("Minted by a token");
  });

  it("answers 429 with Retry-After once a token spent its budget", async () => {
    const { token, summary } = await newToken();
    expect((await listWith(bearer(token))).status).toBe(200);
    await fx.db
      .update(rateLimitCounters)
      .set({ count: API_TOKEN_LIMITS.requestsPerWindow })
      .where(eq(rateLimitCounters.key, apiTokenRateKey(summary.id)));
    const res = await listWith(bearer(token));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("token management routes", () => {
  it("are for managers: front desk gets 403, and the token is in the creation response only", async () => {
    const studioId = DEMO_IDS.studio;
    const path = `/api/studios/${studioId}/api-tokens`;
    const frontDesk = await sessionCookie(DEMO_STAFF.frontDesk.email, "198.51.100.22");
    const refused = await call(
      tokensRoute.POST,
      { studioId },
      {
        method: "POST",
        path,
        headers: { cookie: frontDesk, origin },
        json: { name: "Front desk's" },
      },
    );
    expect(refused.status).toBe(403);
    expect(
      (await call(tokensRoute.GET, { studioId }, { path, headers: { cookie: frontDesk } })).status,
    ).toBe(403);

    const crossSite = await call(
      tokensRoute.POST,
      { studioId },
      {
        method: "POST",
        path,
        headers: { cookie: managerCookie, origin: "https://evil.example" },
        json: { name: "Cross-site" },
      },
    );
    expect(crossSite.status).toBe(403);

    const created = await call(
      tokensRoute.POST,
      { studioId },
      {
        method: "POST",
        path,
        headers: { cookie: managerCookie, origin },
        json: { name: "  Front desk system  " },
      },
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; token: string; name: string };
    expect(body.name).toBe("Front desk system");
    expect(body.token).toMatch(/^lk_/);

    const list = await call(
      tokensRoute.GET,
      { studioId },
      { path, headers: { cookie: managerCookie } },
    );
    const listText = await list.text();
    expect(listText).toContain(body.id);
    expect(listText).not.toContain(body.token);

    // Used with a session cookie beside it, then revoked: still never in a log line.
    const used = await call(
      linksRoute.GET,
      { studioId },
      {
        path: `/api/studios/${studioId}/links`,
        headers: { ...bearer(body.token), cookie: managerCookie },
      },
    );
    expect(used.status).toBe(200);
    const sibling = await call(
      tokenRoute.DELETE,
      {
        studioId: DEMO_IDS.geofencedStudio,
        tokenId: body.id,
      },
      {
        method: "DELETE",
        path: `/api/studios/${DEMO_IDS.geofencedStudio}/api-tokens/${body.id}`,
        headers: { cookie: managerCookie, origin },
      },
    );
    expect(sibling.status).toBe(404);
    expect(logLines.join("\n")).not.toContain(body.token.slice(3));
  });
});
