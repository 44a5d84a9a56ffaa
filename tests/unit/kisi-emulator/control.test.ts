import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "@/lib/kisi/emulator";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import type { Json } from "@/tests/support/kisi-emulator";
import {
  LOGIN,
  createGroupLink,
  groupLinkAuth,
  kisiRequest,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

// A real but small budget: one test checks that control calls never spend it.
const emu = setupKisiEmulator({ rateLimitPerSecond: 6 });

const control = <T = Json>(method: string, path: string, body?: unknown, rawBody?: string) =>
  kisiRequest<T>(emu().url, method, `/__emulator${path}`, { body, rawBody });

const createLink = async (fields?: Json) => (await createGroupLink(emu().url, fields)).json;

const unlockWith = (secret: unknown, lockId = 5001) =>
  kisiRequest(emu().url, "POST", `/locks/${lockId}/unlock`, { auth: groupLinkAuth(secret) });

describe("control API", () => {
  it("lists recorded Kisi requests (never control calls) and clears them", async () => {
    await kisiRequest(emu().url, "GET", "/locks?limit=2", {
      auth: LOGIN,
      headers: { "X-Kisi-Integration-Identifier": "Latchkey" },
    });
    await control("GET", "/state");
    const res = await control<RecordedRequest[]>("GET", "/requests");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.json).toEqual([
      {
        seq: 1,
        at: expect.any(String),
        method: "GET",
        path: "/locks",
        query: { limit: "2" },
        headers: expect.objectContaining({
          authorization: LOGIN,
          "x-kisi-integration-identifier": "Latchkey",
        }),
        authScheme: "KISI-LOGIN",
        credential: DEMO_SEED.apiKey,
        body: null,
        status: 200,
      },
    ]);
    expect((await control("DELETE", "/requests")).status).toBe(200);
    expect(emu().requests).toEqual([]);
  });

  it("is never rate-limited and spends no budget", async () => {
    for (let i = 0; i < 10; i += 1) expect((await control("GET", "/state")).status).toBe(200);
    const locks = async () =>
      (await kisiRequest(emu().url, "GET", "/locks", { auth: LOGIN })).status;
    for (let i = 0; i < 6; i += 1) expect(await locks()).toBe(200);
    expect(await locks()).toBe(429);
  });

  it("adds, lists and clears faults, validating the rule", async () => {
    const added = await control("POST", "/faults", {
      path: "/locks/:id/unlock",
      times: 1,
      action: { kind: "status", status: 503, body: { code: "fac001", error: "down" } },
    });
    expect(added.status).toBe(200);
    expect(added.json.id).toEqual(expect.any(String));
    const listed = await control<Json[]>("GET", "/faults");
    expect(listed.json).toEqual([
      {
        id: added.json.id,
        path: "/locks/:id/unlock",
        times: 1,
        action: { kind: "status", status: 503, body: { code: "fac001", error: "down" } },
      },
    ]);
    const link = await createLink();
    expect((await unlockWith(link.secret)).status).toBe(503);
    expect((await unlockWith(link.secret)).status).toBe(200);

    await control("POST", "/faults", { action: { kind: "drop" } });
    expect((await control("DELETE", "/faults")).status).toBe(200);
    expect(emu().faults.list()).toEqual([]);

    const bad = await control("POST", "/faults", { action: { kind: "explode" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe("Invalid body.");
    expect(Array.isArray(bad.json.issues)).toBe(true);
    expect((await control("POST", "/faults", undefined, "{oops")).status).toBe(400);
  });

  it("patches locks", async () => {
    const link = await createLink();
    const patched = await control("PATCH", "/locks/5001", { online: false });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id: 5001, online: false, locked_down: false });
    expect((await unlockWith(link.secret)).status).toBe(503);

    await control("PATCH", "/locks/5001", { online: true, locked_down: true });
    const down = await unlockWith(link.secret);
    expect(down.status).toBe(403);
    expect(down.json.code).toBe("fad001");

    expect((await control("PATCH", "/locks/5001", { online: "no" })).status).toBe(400);
    expect((await control("PATCH", "/locks/5001", { colour: "red" })).status).toBe(400);
    expect((await control("PATCH", "/locks/9999", { online: true })).status).toBe(404);
  });

  it("moves the clock", async () => {
    const link = await createLink({ valid_until: new Date(Date.now() + 60_000).toISOString() });
    const moved = await control("POST", "/clock", { offsetMs: 120_000 });
    expect(moved).toMatchObject({ status: 200, json: { offsetMs: 120_000 } });
    const clock = await control("GET", "/clock");
    expect(Date.parse(String(clock.json.now)) - Date.now()).toBeGreaterThan(100_000);
    const expired = await unlockWith(link.secret);
    expect(expired.status).toBe(403);
    expect(expired.json.code).toBe("f35ade");
    expect((await control("POST", "/clock", { offsetMs: "soon" })).status).toBe(400);
  });

  it("exposes links with secret and deletedAt, unlocks and sent emails", async () => {
    const kept = await createLink({ email: "guest@example.com" });
    const removed = await createLink();
    await kisiRequest(emu().url, "DELETE", `/group_links/${String(removed.id)}`, { auth: LOGIN });
    await unlockWith(kept.secret, 5002);
    const state = await control<{
      groupLinks: Json[];
      unlocks: Json[];
      sentEmails: Json[];
    }>("GET", "/state");
    expect(state.json.groupLinks.map((l) => [l.id, l.secret, l.deletedAt === null])).toEqual([
      [kept.id, kept.secret, true],
      [removed.id, removed.secret, false],
    ]);
    expect(state.json.unlocks).toEqual([
      { lockId: 5002, via: "group_link", groupLinkId: kept.id, at: expect.any(String) },
    ]);
    expect(state.json.sentEmails).toEqual([
      { groupLinkId: kept.id, email: "guest@example.com", at: expect.any(String) },
    ]);
  });

  it("resets everything back to the seed", async () => {
    await createLink();
    await control("POST", "/faults", { action: { kind: "latency", ms: 1 } });
    await control("POST", "/clock", { offsetMs: 5000 });
    await control("PATCH", "/locks/5001", { online: false });
    expect((await control("POST", "/reset")).status).toBe(200);
    expect(emu().state.groupLinks).toEqual([]);
    expect(emu().requests).toEqual([]);
    expect(emu().faults.list()).toEqual([]);
    expect(emu().state.locks.find((lock) => lock.id === 5001)?.online).toBe(true);
    expect((await control("GET", "/clock")).json.offsetMs).toBe(0);
  });

  it("answers 404 for unknown control endpoints", async () => {
    const res = await control("GET", "/nothing");
    expect(res.status).toBe(404);
    expect(res.json.error).toContain("Unknown control endpoint");
  });
});
