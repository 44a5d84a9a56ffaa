import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { parseConfig } from "../../lib/config/parse-config";
import { DEMO_IDS } from "../../lib/demo/constants";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { SERVER_LOG } from "../../playwright.config";
import { PUBLIC_ROUTES, listRouteFiles } from "../support/route-inventory";
import { APP, issueLink, issuedTokens, kisi, signIn } from "./support/latchkey";

/**
 * The security suite against the real server (`npm run demo`), for what only the full stack
 * shows: every route called without a session, the headers of every response type, CSRF and
 * the CVE-2025-29927 header, a forged Host, token and password guessing over HTTP, and a scan of
 * the built client bundle for secrets. Route handlers' input tables are in
 * tests/unit/security/*.test.ts. Each guessing test uses its own client address (this demo runs
 * with TRUSTED_PROXY_HOPS=1: the test client plays the one proxy in front, so the last
 * X-Forwarded-For entry is the address), so no other spec file is throttled.
 * client-address.spec.ts covers a demo with nothing in front, where that header counts for nothing.
 */

const FRONT_DOOR = DEMO_SEED.guestLockIds[0]!;
const EVIL = "https://evil.example";
/** A fresh benchmarking-range address (RFC 2544) for each guessing test. */
const freshIp = () => `198.18.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;

let owner: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  owner = await playwright.request.newContext();
  await signIn(owner);
});
test.afterAll(() => owner.dispose());

/** A URL for a route pattern: the real demo studio (so a 404 cannot hide a missing guard). */
function urlFor(pattern: string): string {
  return pattern
    .replace("[studioId]", DEMO_IDS.studio)
    .replace("[lockId]", String(FRONT_DOOR))
    .replace("[secret]", "A".repeat(43))
    .replace("[token]", "A".repeat(43))
    .replace("[...all]", "get-session")
    .replace(/\[\w+\]/g, () => randomUUID());
}

test.describe("unauthenticated sweep (SECURITY.md F-4, S50)", () => {
  const routes = listRouteFiles();

  test("every API route and method answers a caller without a session 401, 403 or 404", async ({
    playwright,
  }) => {
    const anonymous = await playwright.request.newContext();
    const checked: string[] = [];
    for (const route of routes.filter((r) => r.kind === "route")) {
      for (const method of route.methods) {
        const url = `${APP}${urlFor(route.pattern)}`;
        const res = await anonymous.fetch(url, {
          method,
          // Same-origin and JSON, so only the missing session can be the reason for a refusal.
          headers: { Origin: APP, "Content-Type": "application/json" },
          ...(method === "GET" || method === "HEAD" ? {} : { data: {} }),
          maxRedirects: 0,
        });
        const label = `${method} ${route.pattern} → ${res.status()}`;
        checked.push(label);
        expect(res.status(), label).toBeLessThan(500);
        if (route.file in PUBLIC_ROUTES) continue;
        expect([401, 403, 404], label).toContain(res.status());
        // The one error envelope, not an empty or HTML body.
        expect((await res.json()).error.code, label).toMatch(
          /^(unauthorized|forbidden|not_found)$/,
        );
      }
    }
    // The studio routes must say "sign in", not "no such thing": their studio is real.
    expect(checked).toContain("GET /api/studios/[studioId]/links → 401");
    expect(checked.length).toBeGreaterThanOrEqual(50);
    await anonymous.dispose();
  });

  test("every dashboard page redirects a caller without a session to sign-in", async ({
    request,
  }) => {
    const pages = routes.filter((r) => r.kind === "page" && !(r.file in PUBLIC_ROUTES));
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const page of pages) {
      const res = await request.get(`${APP}${urlFor(page.pattern)}`, { maxRedirects: 0 });
      expect(res.status(), page.pattern).toBe(307);
      expect(res.headers().location, page.pattern).toMatch(/\/sign-in$/);
    }
  });
});

function expectBaseline(res: APIResponse, label: string) {
  const h = res.headers();
  expect(h["strict-transport-security"], label).toBe("max-age=63072000; includeSubDomains");
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["x-frame-options"], label).toBe("DENY");
  expect(h["content-security-policy"], label).toContain("frame-ancestors 'none'");
  expect(["no-referrer", "strict-origin-when-cross-origin"], label).toContain(h["referrer-policy"]);
  expect(h["cross-origin-opener-policy"], label).toBe("same-origin");
  expect(h["x-powered-by"], label).toBeUndefined();
  // No CORS, even though every request here says it comes from another origin (G-7).
  expect(h["access-control-allow-origin"], label).toBeUndefined();
  expect(h["access-control-allow-credentials"], label).toBeUndefined();
}
test.describe("headers on every response type (SECURITY.md G, S53)", () => {
  const nonceOf = (res: APIResponse) =>
    /'nonce-([A-Za-z0-9+/=]{20,})'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];

  test("pages, the guest page, JSON, 404s, redirects and RSC payloads", async ({ request }) => {
    const link = await issueLink(owner);
    const cross = { Origin: EVIL };
    const responses: Array<[string, APIResponse, number]> = [
      ["dashboard page", await owner.get(`${APP}/dashboard`, { headers: cross }), 200],
      [
        "studio page (RSC payload)",
        await owner.get(`${APP}/dashboard/studios/${DEMO_IDS.studio}`, {
          headers: { ...cross, RSC: "1" },
        }),
        200,
      ],
      ["guest page", await request.get(link.url, { headers: cross }), 200],
      [
        "API JSON",
        await owner.get(`${APP}/api/studios/${DEMO_IDS.studio}/links`, { headers: cross }),
        200,
      ],
      ["404 page", await request.get(`${APP}/no-such-page`, { headers: cross }), 404],
      [
        "API 404",
        await owner.get(`${APP}/api/studios/${randomUUID()}/links`, { headers: cross }),
        404,
      ],
      ["unrouted API path", await request.get(`${APP}/api/no-such-route`, { headers: cross }), 404],
      [
        "redirect to sign-in",
        await request.get(`${APP}/dashboard`, { headers: cross, maxRedirects: 0 }),
        307,
      ],
      [
        "CORS preflight",
        await request.fetch(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
          method: "OPTIONS",
          headers: { ...cross, "Access-Control-Request-Method": "POST" },
        }),
        -1,
      ],
    ];
    for (const [label, res, status] of responses) {
      if (status !== -1) expect(res.status(), label).toBe(status);
      expectBaseline(res, label);
    }
    // Cache-Control on what carries personal data or a bearer token (G-5).
    for (const [label, res] of responses.slice(0, 4))
      expect(res.headers()["cache-control"], label).toMatch(/no-store/);
  });

  test("each page response gets its own CSP nonce, the dashboard and the 404 page included", async ({
    request,
  }) => {
    for (const [label, get] of [
      ["dashboard", () => owner.get(`${APP}/dashboard`)],
      ["404 page", () => request.get(`${APP}/no-such-page`)],
      ["sign-in", () => request.get(`${APP}/sign-in`)],
    ] as const) {
      const one = await get();
      const two = await get();
      const [a, b] = [nonceOf(one), nonceOf(two)];
      expect(a, label).toBeTruthy();
      expect(b, label).toBeTruthy();
      expect(a, label).not.toBe(b);
      // The nonce in the header is the one the page's scripts carry.
      expect(await one.text(), label).toContain(`nonce="${a}"`);
    }
  });
});

test.describe("CSRF and the proxy bypass (SECURITY.md B-2, F-3)", () => {
  const window = () => ({
    validFrom: new Date(Date.now() - 60_000).toISOString(),
    validUntil: new Date(Date.now() + 3_600_000).toISOString(),
  });

  test("a signed-in owner's cross-site and Origin: null writes are refused and nothing is created", async () => {
    const name = `CSRF ${randomUUID()}`;
    const attempts: Record<string, string>[] = [
      { Origin: APP, "Sec-Fetch-Site": "cross-site" },
      { Origin: APP, "Sec-Fetch-Site": "same-site" },
      { Origin: "null" },
      { Origin: "null", "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of attempts) {
      const res = await owner.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
        headers,
        data: { name, ...window() },
      });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      const patch = await owner.patch(`${APP}/api/studios/${DEMO_IDS.studio}`, {
        headers,
        data: { name: "Hijacked" },
      });
      expect(patch.status(), JSON.stringify(headers)).toBe(403);
    }
    const list = await owner.get(
      `${APP}/api/studios/${DEMO_IDS.studio}/links?q=${encodeURIComponent(name)}`,
    );
    expect(JSON.stringify(await list.json())).not.toContain(name);
    const studio = await (await owner.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json();
    expect(JSON.stringify(studio)).not.toContain("Hijacked");
  });

  test("a cross-site tap is refused even when the Origin header is ours, and Kisi is not called", async ({
    request,
  }) => {
    const link = await issueLink(owner);
    await kisi.clearRequests(owner);
    const attempts: Record<string, string>[] = [
      { Origin: APP, "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "cross-site" },
      { Origin: "null", "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of attempts) {
      const res = await request.post(`${APP}/api/access/doors/${FRONT_DOOR}/unlock`, {
        headers: { ...headers, Authorization: `Bearer ${link.token}` },
        data: {},
      });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
    }
    expect(await kisi.unlocks(owner)).toHaveLength(0);
  });

  const BYPASS = [
    "middleware",
    "proxy",
    "middleware:middleware:middleware:middleware:middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  ];
  for (const value of BYPASS) {
    test(`x-middleware-subrequest: ${value} changes nothing`, async ({ request }) => {
      const headers = { "x-middleware-subrequest": value };
      const page = await request.get(`${APP}/dashboard/studios/${DEMO_IDS.studio}`, {
        headers,
        maxRedirects: 0,
      });
      expect(page.status()).toBe(307);
      expect(page.headers().location).toMatch(/\/sign-in$/);
      // proxy.ts still ran: its per-request CSP is on the response.
      expect(page.headers()["content-security-policy"]).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
      const api = await request.get(`${APP}/api/studios/${DEMO_IDS.studio}/links`, { headers });
      expect(api.status()).toBe(401);
      const write = await request.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
        headers: { ...headers, Origin: APP },
        data: { name: "Bypass", ...window() },
      });
      expect(write.status()).toBe(401);
    });
  }
});

test("a forged Host or X-Forwarded-Host never reaches an issued URL or its email (A-4)", async () => {
  const forged = {
    Origin: APP,
    "X-Forwarded-Host": "evil.example",
    "X-Forwarded-Proto": "https",
    Forwarded: "host=evil.example;proto=https",
  };
  const res = await owner.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
    headers: { ...forged, Host: "evil.example" },
    data: {
      name: "Host Forger",
      email: "host.forger@example.com",
      locale: "en",
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const link = (await res.json()) as { id: string; url: string };
  issuedTokens.push(link.url.split("/access/")[1] ?? "");
  expect(link.url.startsWith(`${APP}/access/`)).toBe(true);

  const list = (await (
    await owner.get(`${APP}/api/studios/${DEMO_IDS.studio}/outbox`, { headers: forged })
  ).json()) as { items: Array<{ id: string; link: { id: string } | null }> };
  const item = list.items.find((i) => i.link?.id === link.id);
  expect(item, "the link's email is in the outbox").toBeTruthy();
  const email = (await (
    await owner.get(`${APP}/api/studios/${DEMO_IDS.studio}/outbox/${item!.id}`, {
      headers: { ...forged, Host: "evil.example" },
    })
  ).json()) as { content: { html: string; text: string } | null };
  expect(email.content?.text).toContain(link.url);
  expect(email.content?.html).toContain(link.url);
  expect(JSON.stringify(email)).not.toContain("evil.example");
});

test.describe("guessing over HTTP (SECURITY.md B-4, E-5)", () => {
  test("the door list: uniform 404s for malformed and unknown tokens, then 429 per address", async ({
    request,
  }) => {
    const ip = freshIp();
    const bodies = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const token = i % 3 === 0 ? `..%2F${i}` : i % 3 === 1 ? "x".repeat(i) : randomToken();
      const res = await request.get(`${APP}/api/access/doors`, {
        headers: { Authorization: `Bearer ${token}`, "X-Forwarded-For": ip },
      });
      bodies.add(`${res.status()} ${await res.text()}`);
    }
    expect([...bodies]).toHaveLength(1);
    expect([...bodies][0]).toMatch(/^404 /);
    const refused = await request.get(`${APP}/api/access/doors`, {
      headers: { Authorization: `Bearer ${randomToken()}`, "X-Forwarded-For": ip },
    });
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    // A real link from the same address still works: guessing cannot lock a guest out.
    const link = await issueLink(owner);
    const ok = await request.get(`${APP}/api/access/doors`, {
      headers: { Authorization: `Bearer ${link.token}`, "X-Forwarded-For": ip },
    });
    expect(ok.status()).toBe(200);
  });

  test("sign-in: same answer for an unknown account and a wrong password; 429 past the limit, even with the right one", async ({
    request,
  }) => {
    const ip = freshIp();
    const attempt = (email: string, password: string, from = ip) =>
      request.post(`${APP}/api/auth/sign-in/email`, {
        headers: { Origin: APP, "X-Forwarded-For": from },
        data: { email, password },
      });
    const unknown = await attempt("nobody@latchkey.test", "wrong-password-123");
    const wrong = await attempt("owner@latchkey.test", "wrong-password-123");
    expect(unknown.status()).toBe(401);
    expect(wrong.status()).toBe(401);
    expect(await unknown.text()).toBe(await wrong.text());
    // The demo allows 30 a minute per address (playwright.config.ts); two are spent above. A new
    // (unknown) account each time, so the per-account throttle stays out of this count.
    const statuses: number[] = [];
    for (let i = 0; i < 29; i++)
      statuses.push((await attempt(`guess${i}@latchkey.test`, "wrong-password-123")).status());
    expect(statuses.slice(0, 28).every((s) => s === 401)).toBe(true);
    expect(statuses[28]).toBe(429);
    expect((await attempt("owner@latchkey.test", "latchkey-demo-owner")).status()).toBe(429);
    // Another address is not locked out by this one's guessing.
    expect((await attempt("owner@latchkey.test", "latchkey-demo-owner", freshIp())).status()).toBe(
      200,
    );
  });
});

test("per account: after five wrong passwords from one address it waits, while the right one from another address signs in", async ({
  request,
}) => {
  const [guesser, owner] = [freshIp(), freshIp()];
  const attempt = (from: string, password: string) =>
    request.post(`${APP}/api/auth/sign-in/email`, {
      headers: { Origin: APP, "X-Forwarded-For": from },
      data: { email: "frontdesk@latchkey.test", password },
    });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++)
    statuses.push((await attempt(guesser, "wrong-password-123")).status());
  expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
  const waiting = await attempt(guesser, "latchkey-demo-owner");
  expect(waiting.status()).toBe(429);
  expect(Number(waiting.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await attempt(owner, "latchkey-demo-owner")).status()).toBe(200);
});

test("a proxy chain: another client's right password still signs in after an attacker's failures (issue #15)", async ({
  request,
}) => {
  // Two X-Forwarded-For entries (what a client's own header plus the proxy's append look like):
  // better-auth once skipped such a header and put every sign-in into one shared bucket.
  const attacker = `203.0.113.9, ${freshIp()}`;
  const victim = `192.0.2.1, ${freshIp()}`;
  const attempt = (forwardedFor: string, email: string, password: string) =>
    request.post(`${APP}/api/auth/sign-in/email`, {
      headers: { Origin: APP, "X-Forwarded-For": forwardedFor },
      data: { email, password },
    });
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++)
    statuses.push(
      (await attempt(attacker, "manager@latchkey.test", "wrong-password-123")).status(),
    );
  expect(statuses.at(-1), "the attacker is throttled").toBe(429);
  expect((await attempt(victim, "owner@latchkey.test", "latchkey-demo-owner")).status()).toBe(200);
});

function randomToken() {
  return randomBytes(32).toString("base64url");
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("no secret or token in the built client bundle or prerendered pages (SECURITY.md H-4)", async () => {
  // At least one link of this run exists on Kisi, so its secret is among the sentinels.
  const link = await issueLink(owner);
  const demo = parseConfig({ LATCHKEY_DEMO: "1" });
  const key = demo.encryption.currentKey;
  const sentinels = [
    DEMO_SEED.apiKey,
    ...(await kisi.groupLinks(owner)).map((l) => l.secret),
    ...issuedTokens,
    link.token,
    demo.authSecret,
    key.toString("utf8"),
    key.toString("base64"),
    key.toString("hex"),
  ].filter((s) => s.length >= 16);
  expect(sentinels.length).toBeGreaterThan(8);

  const built = [
    ...filesUnder(".next/static"),
    ...filesUnder(".next/server/app").filter((f) => /\.(html|rsc|body)$/.test(f)),
  ].filter((f) => !/\.(woff2?|png|ico)$/.test(f));
  const texts = built.map((f) => [f, readFileSync(f, "utf8")] as const);
  // The scan reads the real bundle: the guest page's client code is in it.
  expect(texts.some(([, t]) => t.includes("/api/access/doors"))).toBe(true);
  expect(texts.length).toBeGreaterThan(30);
  // One assertion over every (file, secret) pair: an expect() per pair took minutes once the
  // suite had issued a few thousand links.
  const leaks = texts.flatMap(([file, text]) =>
    sentinels.some((s) => text.includes(s)) ? [file] : [],
  );
  expect(leaks, "built files that contain a secret").toEqual([]);

  const log = readFileSync(SERVER_LOG, "utf8");
  for (const token of issuedTokens) expect(log).not.toContain(token);
});

test.describe("a malformed percent-encoding in the path (I-2, S53)", () => {
  // Next decodes dynamic segments before any app code runs, and answered `%ff` (not UTF-8) with a
  // bare 500 that skipped next.config.ts headers and proxy.ts. The server wrapper
  // (lib/server/request-gate.ts) now answers these itself, before Next.
  const PATHS = [
    "/access/%ff",
    "/invite/%ff",
    "/dashboard/studios/%ff",
    `/api/studios/%ff/links`,
    "/api/studio-logos/%ff",
  ];

  test("is a 400 with the baseline security headers, generic, not cached", async ({ request }) => {
    for (const p of PATHS) {
      const res = await request.get(`${APP}${p}`, { maxRedirects: 0 });
      expect(res.status(), p).toBe(400);
      expectBaseline(res, p);
      const body = await res.text();
      expect(body, p).toContain("This address is not valid.");
      expect(body, p).not.toMatch(/at \w+ \(|\/work\/|node_modules/);
      expect(res.headers()["cache-control"], p).toContain("no-store");
      if (p.startsWith("/api/")) expect(JSON.parse(body).error.code, p).toBe("malformed_url");
    }
  });
});
