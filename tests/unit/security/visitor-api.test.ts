import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as unlockRoute from "@/app/api/access/doors/[lockId]/unlock/route";
import * as doorsRoute from "@/app/api/access/doors/route";
import { unlockAudit } from "@/lib/db/schema";
import { DEMO_SEED } from "@/lib/kisi/emulator/seed";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { fromClient } from "../../support/client-address";

/**
 * The guest's API through its real route handlers (SECURITY.md A-8, B-1 to B-4, C-2): malformed
 * tokens, injected lock ids, type confusion, non-finite coordinates, wrong content types, oversized
 * bodies and token guessing. The app's own getDb/getKisiClient point at an in-memory PGlite with
 * the demo tenant and the Kisi emulator.
 */
let fx: AccessFixture;
let origin: string;
const savedEnv = { ...process.env };
const g = globalThis as Record<string, unknown>;
const FRONT_DOOR = DEMO_SEED.guestLockIds[0]!;

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
let nextIp = 1;
/** A fresh client address per test, so one test's failed lookups never throttle another's. */
const freshIp = () => `203.0.113.${nextIp++}`;

function doors(token: string | null, ip: string) {
  const headers: Record<string, string> = fromClient(ip);
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return (doorsRoute.GET as unknown as Handler)(
    new NextRequest(`${origin}/api/access/doors`, { headers }),
    { params: Promise.resolve({} as never) },
  );
}

function unlock(
  lockId: string,
  init: { token?: string; body?: string; headers?: Record<string, string>; ip?: string } = {},
) {
  const headers: Record<string, string> = {
    origin,
    "content-type": "application/json",
    ...fromClient(init.ip ?? freshIp()),
    ...init.headers,
  };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return (unlockRoute.POST as unknown as Handler)(
    new NextRequest(`${origin}/api/access/doors/${lockId}/unlock`, {
      method: "POST",
      headers,
      body: init.body ?? "{}",
    }),
    { params: Promise.resolve({ lockId } as never) },
  );
}

let seen = 0;
/** Kisi unlock calls since the test began. */
const kisiUnlocks = () =>
  fx.emulator.requests.slice(seen).filter((r) => r.method === "POST" && r.path.endsWith("/unlock"));

beforeAll(async () => {
  fx = await setupAccessFixture();
  origin = fx.config.appOrigin;
  process.env.LATCHKEY_DEMO = "1";
  process.env.KISI_BASE_URL = fx.emulator.url;
  process.env.LATCHKEY_DOOR_CACHE_SECONDS = "0";
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
});
afterAll(async () => {
  for (const key of ["latchkeyDb", "latchkeyKisi", "latchkeyConfig"]) delete g[key];
  process.env = savedEnv;
  await fx.close();
});
beforeEach(() => {
  seen = fx.emulator.requests.length;
});

const MALFORMED_TOKENS = [
  ["too short", "abc"],
  ["one character short", "A".repeat(42)],
  ["one character long", "A".repeat(44)],
  ["base64 with + and /", `${"A".repeat(41)}+/`],
  ["padding", `${"A".repeat(42)}=`],
  ["path traversal", "..%2F..%2Fetc%2Fpasswd"],
  ["dot segments", "../../api/health"],
  ["unicode", "Ä".repeat(43)],
  ["well-formed but unknown", "Q".repeat(43)],
] as const;

describe("malformed and unknown tokens", () => {
  it.each(MALFORMED_TOKENS)("%s: the door list is the same plain 404", async (_label, token) => {
    const res = await doors(token, freshIp());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: expect.any(String) },
    });
  });

  it("every unknown or malformed token gets byte-identical answers from both visitor routes", async () => {
    const bodies = new Set<string>();
    for (const [, token] of MALFORMED_TOKENS) {
      bodies.add(
        `${(await doors(token, freshIp())).status} ${await (await doors(token, freshIp())).text()}`,
      );
      const res = await unlock(String(FRONT_DOOR), { token });
      bodies.add(`${res.status} ${await res.text()}`);
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toMatch(/^404 /);
    expect(kisiUnlocks()).toHaveLength(0);
  });

  it("a token in the query string is not read: the URL never carries it (A-7)", async () => {
    const { token } = await fx.issue();
    const res = await (doorsRoute.GET as unknown as Handler)(
      new NextRequest(`${origin}/api/access/doors?token=${token}`),
      { params: Promise.resolve({} as never) },
    );
    expect(res.status).toBe(404);
  });
});

describe("token guessing (B-4)", () => {
  it("the door list throttles unknown tokens per address: 429 after 30, with Retry-After", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await doors(`${"g".repeat(41)}${String(i).padStart(2, "0")}`, ip)).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    const refused = await doors("h".repeat(43), ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected, and neither is a real link from the throttled one.
    expect((await doors("h".repeat(43), freshIp())).status).toBe(404);
    const { token } = await fx.issue();
    expect((await doors(token, ip)).status).toBe(200);
  });

  it("guesses count across the door list and the unlock route, so alternating does not help", async () => {
    const ip = freshIp();
    for (let i = 0; i < 15; i++) {
      expect((await doors(`${"m".repeat(41)}${String(i).padStart(2, "0")}`, ip)).status).toBe(404);
      const res = await unlock(String(FRONT_DOOR), {
        token: `${"n".repeat(41)}${String(i).padStart(2, "0")}`,
        ip,
      });
      expect(res.status).toBe(404);
    }
    expect((await doors("p".repeat(43), ip)).status).toBe(429);
    expect((await unlock(String(FRONT_DOOR), { token: "p".repeat(43), ip })).status).toBe(429);
    expect(kisiUnlocks()).toHaveLength(0);
  });
});

describe("lock ids in the path (B-3)", () => {
  const INJECTED = [
    "1;drop",
    "1%3Bdrop",
    "../",
    "..%2F..%2Fgroup_links",
    "-1",
    "0",
    "1e3",
    "0x10",
    "1.0",
    " 1",
    "9".repeat(16),
    "99999999999999999999999",
    "٣",
  ];
  it.each(INJECTED)("%j → 400 invalid_request, Kisi never called", async (lockId) => {
    const { token } = await fx.issue();
    const res = await unlock(lockId, { token });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
    expect(kisiUnlocks()).toHaveLength(0);
  });

  it("a well-formed id of a door outside the link's group → unknown_door, Kisi never called", async () => {
    const { token } = await fx.issue();
    const res = await unlock(String(DEMO_SEED.staffLockId + 10_000), { token });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("unknown_door");
    expect(kisiUnlocks()).toHaveLength(0);
  });
});

describe("unlock bodies (B-1, C-2)", () => {
  const BAD_BODIES = [
    ["latitude 91", '{"latitude":91,"longitude":13}'],
    ["longitude -180.5", '{"latitude":52,"longitude":-180.5}'],
    ["a latitude of 1e309 (JSON's Infinity)", '{"latitude":1e309,"longitude":13}'],
    ["an accuracy of -1e309", '{"latitude":52,"longitude":13,"accuracy":-1e309}'],
    ['"NaN" as a string', '{"latitude":"NaN","longitude":13}'],
    ['"Infinity" as a string', '{"latitude":"Infinity","longitude":"Infinity"}'],
    ["numbers as strings", '{"latitude":"52.5","longitude":"13.4","accuracy":"5"}'],
    ["an array for the body", "[52.5,13.4]"],
    ["an object for a number", '{"latitude":{"$gt":0},"longitude":13}'],
    ["an extra field", '{"lockId":1}'],
    ["a prototype key", '{"__proto__":{"allowed":true}}'],
  ] as const;
  it.each(BAD_BODIES)("%s → 422, Kisi never called", async (_label, body) => {
    const { token } = await fx.issue();
    const res = await unlock(String(FRONT_DOOR), { token, body });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("validation_failed");
    expect(kisiUnlocks()).toHaveLength(0);
  });

  it("invalid JSON → 400; a wrong content type → 415; more than 4 KiB → 413; none calls Kisi", async () => {
    const { token } = await fx.issue();
    expect((await unlock(String(FRONT_DOOR), { token, body: "{latitude:" })).status).toBe(400);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const res = await unlock(String(FRONT_DOOR), {
        token,
        headers: { "content-type": type },
      });
      expect(res.status, type).toBe(415);
    }
    const big = JSON.stringify({ latitude: 52, longitude: 13, pad: "x".repeat(5_000) });
    expect((await unlock(String(FRONT_DOOR), { token, body: big })).status).toBe(413);
    expect(kisiUnlocks()).toHaveLength(0);
  });

  it("the refusals above were audited without the token", async () => {
    const rows = await fx.db.select().from(unlockAudit);
    expect(rows.length).toBeGreaterThan(0);
    const { token } = await fx.issue();
    await unlock(String(FRONT_DOOR), { token, body: '{"latitude":1e309,"longitude":13}' });
    const all = JSON.stringify(await fx.db.select().from(unlockAudit));
    expect(all).not.toContain(token);
  });
});

describe("cross-site unlocks (B-2)", () => {
  const CROSS_SITE = [
    ["Sec-Fetch-Site: cross-site, even with our Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["Sec-Fetch-Site: none (typed into the address bar)", { "sec-fetch-site": "none" }],
    ["Origin: null", { origin: "null" }],
    ["Origin of a look-alike host", { origin: "http://127.0.0.1:3000.evil.example" }],
    ["no Origin and no Sec-Fetch-Site", { origin: "" }],
  ] as const;
  it.each(CROSS_SITE)("%s → 403, Kisi never called", async (_label, headers) => {
    const { token } = await fx.issue();
    const h: Record<string, string> = { ...headers };
    const res = await unlock(String(FRONT_DOOR), { token, headers: h });
    expect(res.status).toBe(403);
    expect(kisiUnlocks()).toHaveLength(0);
  });
});
