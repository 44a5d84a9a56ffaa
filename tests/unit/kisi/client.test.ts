import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { KisiClient, listAll, type KisiLinkAuth, type KisiLoginAuth } from "@/lib/kisi/client";
import { KisiError } from "@/lib/kisi/errors";
import { createKisiLimiter } from "@/lib/kisi/limiter";
import { DEMO_SEED, startKisiEmulator, type KisiEmulator } from "@/lib/kisi/emulator";
import { configureLogger, log } from "@/lib/log/logger";

let emulator: KisiEmulator;
const login: KisiLoginAuth = { scheme: "login", apiKey: DEMO_SEED.apiKey };
const [FRONT_DOOR] = DEMO_SEED.guestLockIds as [number];

/** A fast client: short timeouts and a generous pace so tests stay quick; pacing is tested apart. */
function client(overrides: Partial<ConstructorParameters<typeof KisiClient>[0]> = {}) {
  return new KisiClient({
    baseUrl: emulator.url,
    limiter: createKisiLimiter({ ratePerSecond: 1000 }),
    timeouts: { readMs: 1_000, writeMs: 1_000, unlockMs: 1_000, unlockDeadlineMs: 3_000 },
    random: () => 0,
    ...overrides,
  });
}

async function createLink(c = client(), name = "Guest"): Promise<KisiLinkAuth & { id: number }> {
  const link = await c.createGroupLink(login, {
    name,
    groupId: DEMO_SEED.groupId,
    validFrom: new Date(Date.now() - 60_000),
    validUntil: new Date(Date.now() + 3_600_000),
  });
  return { scheme: "group_link", secret: link.secret, id: link.id };
}

const kisiCalls = (method: string, path: string) =>
  emulator.requests.filter((r) => r.method === method && r.path === path);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("expected a KisiError"),
    (e: unknown) => e as KisiError,
  );

beforeAll(async () => {
  emulator = await startKisiEmulator({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("what the client sends", () => {
  it("authenticates with KISI-LOGIN and never asks Kisi to email the guest", async () => {
    await createLink();
    const [req] = kisiCalls("POST", "/group_links");
    expect(req?.headers.authorization).toBe(`KISI-LOGIN ${DEMO_SEED.apiKey}`);
    expect(req?.headers.accept).toBe("application/json");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.body).toEqual({
      group_link: {
        name: "Guest",
        group_id: DEMO_SEED.groupId,
        valid_from: expect.any(String),
        valid_until: expect.any(String),
        link_enabled: true,
      },
    });
    expect(emulator.state.sentEmails).toEqual([]);
  });

  it("unlocks with KISI-GROUP-LINK and the link's secret, passing the location as context", async () => {
    const link = await createLink();
    await client().unlock(link, FRONT_DOOR, {
      location: { latitude: 52.5297, longitude: 13.4013 },
    });
    const [req] = kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`);
    expect(req?.headers.authorization).toBe(`KISI-GROUP-LINK ${link.secret}`);
    expect(req?.body).toEqual({ context: { location: { latitude: 52.5297, longitude: 13.4013 } } });
    expect(emulator.state.unlocks).toEqual([
      expect.objectContaining({ lockId: FRONT_DOOR, via: "group_link", groupLinkId: link.id }),
    ]);
  });

  it("sends the integration headers when configured", async () => {
    await client({
      integration: { identifier: "Latchkey", contact: "ops@latchkey.test" },
    }).listGroups(login);
    expect(emulator.requests[0]?.headers).toMatchObject({
      "x-kisi-integration-identifier": "Latchkey",
      "x-kisi-integration-contact": "ops@latchkey.test",
    });
  });

  it("builds paths only from positive integer ids", async () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      await expect(client().unlock(login, bad)).rejects.toThrow(TypeError);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("responses", () => {
  it("reads the full lock shape with a key and the subset with a link", async () => {
    const full = await client().listLocks(login);
    expect(full.items.map((l) => l.id).sort()).toEqual(
      [...DEMO_SEED.guestLockIds, DEMO_SEED.staffLockId, ...DEMO_SEED.climbingLockIds].sort(),
    );
    expect(full.items[0]).toHaveProperty("geofence_restriction_radius");
    const link = await createLink();
    const subset = await client().listLinkLocks(link);
    expect(subset.items.map((l) => l.id).sort()).toEqual([...DEMO_SEED.guestLockIds].sort());
    expect(subset.total).toBe(3);
  });

  it("pages through a collection with X-Collection-Range", async () => {
    const c = client({ limiter: createKisiLimiter() }); // 15 creates: stay under Kisi's 5/s
    for (let i = 0; i < 15; i++) await createLink(c, `Paged ${i}`);
    emulator.requests.length = 0;
    const all = await listAll((q) => c.listGroupLinks(login, { ...q, query: "Paged" }), 10);
    expect(all).toHaveLength(15);
    expect(new Set(all.map((l) => l.id)).size).toBe(15);
    expect(kisiCalls("GET", "/group_links").map((r) => r.query.offset)).toEqual(["0", "10"]);
  });

  it("takes any 2xx answer to an unlock as opened, whatever its body, and logs the surprise", async () => {
    // A 2xx means Kisi opened the door: "not reachable" would send the guest away from an open
    // door. The unexpected body is logged (its shape, never a header or secret).
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    emulator.faults.add({ path: "/locks/:id/unlock", times: 1, action: { kind: "malformed" } });
    await expect(client().unlock(login, FRONT_DOOR)).resolves.toBeUndefined();
    emulator.faults.add({
      path: "/locks/:id/unlock",
      times: 1,
      action: { kind: "status", status: 200, body: { message: "Door opened", door: 1 } },
    });
    await expect(client().unlock(login, FRONT_DOOR)).resolves.toBeUndefined();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      "kisi unlock answered 2xx with an unexpected body; taken as opened",
      "kisi unlock answered 2xx with an unexpected body; taken as opened",
    ]);
    warn.mockRestore();
  });

  it("still treats a malformed 2xx from other calls as a failure", async () => {
    emulator.faults.add({ path: "/places/:id", action: { kind: "malformed" } });
    expect(await failure(client().getPlace(login, DEMO_SEED.placeId))).toMatchObject({
      kind: "malformed",
    });
  });

  it("carries Kisi's error code and 422 field errors", async () => {
    emulator.setLock(FRONT_DOOR, { locked_down: true });
    expect(await failure(client().unlock(login, FRONT_DOOR))).toMatchObject({
      kind: "http",
      status: 403,
      code: "fad001",
    });
    const invalid = await failure(
      client().createGroupLink(login, {
        name: "",
        groupId: DEMO_SEED.groupId,
        validFrom: new Date(),
        validUntil: new Date(Date.now() + 1000),
      }),
    );
    expect(invalid).toMatchObject({ kind: "http", status: 422 });
    expect(invalid.validationErrors?.name).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it("does not follow redirects", async () => {
    let hits = 0;
    const elsewhere: Server = createServer((_req, res) => {
      hits++;
      res.end("{}");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const { port } = elsewhere.address() as AddressInfo;
    emulator.faults.add({
      path: "/groups",
      action: { kind: "redirect", location: `http://127.0.0.1:${port}/groups` },
    });
    const error = await failure(client().listGroups(login));
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    expect(error).toMatchObject({ kind: "redirect", status: 302 });
    expect(hits).toBe(0);
    expect(kisiCalls("GET", "/groups")).toHaveLength(1);
  });
});

describe("timeouts and retries", () => {
  it("gives up on a slow answer at the timeout", async () => {
    emulator.faults.add({ path: "/groups", action: { kind: "latency", ms: 600 } });
    const error = await failure(client({ timeouts: { readMs: 150 } }).listGroups(login));
    // Three attempts (GETs retry timeouts), each ended by the 150 ms timeout, not the answer.
    expect(error.kind).toBe("timeout");
    expect(kisiCalls("GET", "/groups")).toHaveLength(3);
  });

  it("retries a GET through 503s and succeeds on the third attempt", async () => {
    emulator.faults.add({
      path: "/groups",
      times: 2,
      action: { kind: "status", status: 503, body: { code: "fac001", error: "x" } },
    });
    const page = await client().listGroups(login);
    expect(page.items.length).toBeGreaterThan(0);
    expect(kisiCalls("GET", "/groups").map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("stops after three attempts", async () => {
    emulator.faults.add({
      path: "/groups",
      action: { kind: "status", status: 502, body: { code: "000502", error: "Bad gateway" } },
    });
    expect(await failure(client().listGroups(login))).toMatchObject({ kind: "http", status: 502 });
    expect(kisiCalls("GET", "/groups")).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 422, 500])(
    "tries a GET answered %i exactly once",
    async (status) => {
      emulator.faults.add({
        path: "/groups",
        action: { kind: "status", status, body: { code: "000000", error: "no" } },
      });
      expect(await failure(client().listGroups(login))).toMatchObject({ kind: "http", status });
      expect(kisiCalls("GET", "/groups")).toHaveLength(1);
    },
  );

  it("waits for Retry-After after a 429 before trying again", async () => {
    emulator.faults.add({
      path: "/groups",
      times: 1,
      action: { kind: "rate_limit", retryAfter: 1 },
    });
    await client().listGroups(login);
    const [first, second] = kisiCalls("GET", "/groups");
    expect(first?.status).toBe(429);
    expect(second?.status).toBe(200);
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(950);
  });

  it("backs off at least a second after a 429 without Retry-After", async () => {
    emulator.faults.add({
      path: "/groups",
      times: 1,
      action: { kind: "rate_limit", retryAfter: null },
    });
    await client().listGroups(login);
    const [first, second] = kisiCalls("GET", "/groups");
    expect(first?.status).toBe(429);
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(950);
  });

  it("retries a DELETE (revoking twice is harmless)", async () => {
    const link = await createLink();
    emulator.faults.add({
      method: "DELETE",
      path: "/group_links/:id",
      times: 1,
      action: { kind: "status", status: 503, body: { code: "000503", error: "x" } },
    });
    await client().deleteGroupLink(login, link.id);
    expect(emulator.state.groupLinks.find((l) => l.id === link.id)?.deletedAt).not.toBeNull();
  });
});

describe("creating a link is never retried blindly", () => {
  it("after a 429, which Kisi answers before doing anything: tried again, one link", async () => {
    emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "rate_limit", retryAfter: 1 },
    });
    const link = await createLink();
    expect(kisiCalls("POST", "/group_links").map((r) => r.status)).toEqual([429, 200]);
    expect(emulator.state.groupLinks.filter((l) => l.id === link.id)).toHaveLength(1);
  });

  it.each([
    ["a 503", { kind: "status", status: 503, body: { code: "000503", error: "x" } }],
    ["a timeout", { kind: "latency", ms: 1_500 }],
  ] as const)("after %s: one POST only", async (_label, action) => {
    emulator.faults.add({ method: "POST", path: "/group_links", action });
    await expect(createLink()).rejects.toBeInstanceOf(KisiError);
    expect(kisiCalls("POST", "/group_links")).toHaveLength(1);
  });

  it("reports a dropped connection as an unknown outcome; the link may exist and is found by name", async () => {
    emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop_after_commit" },
    });
    const error = await failure(createLink(client(), "Guest · L42"));
    expect(error.kind).toBe("network");
    expect(error.outcomeUnknown).toBe(true);
    expect(kisiCalls("POST", "/group_links")).toHaveLength(1);
    // What reconciliation will do (SECURITY.md J-4): find the orphan by its unique name.
    const found = await client().listGroupLinks(login, { query: "L42" });
    expect(found.items.map((l) => l.name)).toEqual(["Guest · L42"]);
  });

  it("a drop before Kisi handled the request leaves no link", async () => {
    emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop" },
    });
    const error = await failure(createLink());
    expect(error.kind).toBe("network");
    expect(
      emulator.state.groupLinks.filter((l) => !l.deletedAt && l.name === "Guest"),
    ).toHaveLength(0);
  });
});

describe("unlock retries (SECURITY.md J-2)", () => {
  it("retries once when the controller is briefly unavailable", async () => {
    const link = await createLink();
    emulator.faults.add({
      path: "/locks/:id/unlock",
      times: 1,
      action: {
        kind: "status",
        status: 503,
        body: { code: "fac001", error: "The Kisi controller is currently unavailable." },
      },
    });
    await client().unlock(link, FRONT_DOOR);
    expect(kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`).map((r) => r.status)).toEqual([
      503, 200,
    ]);
    expect(emulator.state.unlocks).toHaveLength(1);
  });

  it("gives up after two attempts on an offline door", async () => {
    const link = await createLink();
    emulator.setLock(FRONT_DOOR, { online: false });
    expect(await failure(client().unlock(link, FRONT_DOOR))).toMatchObject({
      status: 503,
      code: "fac001",
    });
    expect(kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`)).toHaveLength(2);
    expect(emulator.state.unlocks).toHaveLength(0);
  });

  it.each([
    ["a 429", { kind: "rate_limit", retryAfter: 1 }],
    [
      "a 409",
      {
        kind: "status",
        status: 409,
        body: { code: "fad110", error: "The door is already scheduled to be unlocked." },
      },
    ],
    ["a timeout", { kind: "latency", ms: 1_500 }],
    ["a dropped connection", { kind: "drop" }],
  ] as const)("never retries after %s", async (_label, action) => {
    const link = await createLink();
    emulator.faults.add({ path: "/locks/:id/unlock", action });
    await expect(client().unlock(link, FRONT_DOOR)).rejects.toBeInstanceOf(KisiError);
    expect(kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`)).toHaveLength(1);
  });

  it("never starts a retry that could end after the deadline", async () => {
    const link = await createLink();
    emulator.faults.add({
      path: "/locks/:id/unlock",
      action: { kind: "status", status: 503, body: { code: "fac002", error: "x" } },
    });
    await expect(
      client({ timeouts: { unlockMs: 1_000, unlockDeadlineMs: 1_200 } }).unlock(link, FRONT_DOOR),
    ).rejects.toBeInstanceOf(KisiError);
    expect(kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`)).toHaveLength(1);
  });

  it("never sends an unlock that waited in the queue past its deadline", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const link = await createLink();
    const auth = { ...link, budgetKey: "busy-credential" };
    limiter.pause("busy-credential", 2_500); // e.g. Kisi asked us to wait after a 429
    const error = await failure(
      client({ limiter, timeouts: { unlockMs: 1_000, unlockDeadlineMs: 2_000 } }).unlock(
        auth,
        FRONT_DOOR,
      ),
    );
    expect(error.kind).toBe("not_sent");
    await new Promise((r) => setTimeout(r, 600)); // the queue has moved on: still nothing sent
    expect(kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`)).toHaveLength(0);
    expect(emulator.state.unlocks).toHaveLength(0);
  });

  it("stops when the caller gives up, before sending", async () => {
    const limiter = createKisiLimiter({ ratePerSecond: 1000 });
    const link = await createLink();
    limiter.pause("slow", 1_000);
    const caller = new AbortController();
    const pending = client({ limiter }).unlock(
      { ...link, budgetKey: "slow" },
      FRONT_DOOR,
      {},
      { signal: caller.signal },
    );
    caller.abort();
    expect(await failure(pending)).toMatchObject({ kind: "aborted" });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(kisiCalls("POST", `/locks/${FRONT_DOOR}/unlock`)).toHaveLength(0);
  });

  it("retries once when the connection could not even be made", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new KisiClient({
      baseUrl: `http://127.0.0.1:${port}`,
      limiter: createKisiLimiter({ ratePerSecond: 1000 }),
      random: () => 0,
    });
    const error = await failure(unreachable.unlock(login, FRONT_DOOR));
    expect(error).toMatchObject({ kind: "network", connected: false });
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe("Kisi's rate limit", () => {
  it("keeps a burst of calls for one credential under 5 requests per second", async () => {
    const paced = new KisiClient({ baseUrl: emulator.url }); // the production pacing: 4/s, serial
    await Promise.all(Array.from({ length: 10 }, () => paced.listGroups(login)));
    const times = emulator.requests.map((r) => Date.parse(r.at));
    expect(emulator.requests.every((r) => r.status === 200)).toBe(true);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(5);
  });

  it("recovers from the 429s an unpaced burst provokes", async () => {
    const unpaced = client({ limiter: createKisiLimiter({ ratePerSecond: 1000 }) });
    const results = await Promise.all(Array.from({ length: 8 }, () => unpaced.listGroups(login)));
    expect(results).toHaveLength(8);
    expect(emulator.requests.some((r) => r.status === 429)).toBe(true);
  });
});

describe("secrets in logs", () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    configureLogger({ level: "debug", sink: (line) => lines.push(line) });
  });
  afterEach(() => configureLogger({ level: "silent" }));

  it("never writes the API key or a link secret, even on failures", async () => {
    const link = await createLink();
    emulator.faults.add({
      path: "/locks/:id/unlock",
      times: 1,
      action: { kind: "status", status: 503, body: { code: "fac001", error: "x" } },
    });
    await client().unlock(link, FRONT_DOOR);
    await client().listLinkLocks(link);
    await client()
      .listGroups({ scheme: "login", apiKey: "wrong-key-0123456789" })
      .catch(() => undefined);
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    expect(all).not.toContain(DEMO_SEED.apiKey);
    expect(all).not.toContain(link.secret);
    expect(all).not.toContain("wrong-key-0123456789");
  });
});
