import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { KisiEmulator } from "@/lib/kisi/emulator";
import { DEMO_SEED, startKisiEmulator } from "@/lib/kisi/emulator";

let emu: KisiEmulator;
let linkAuth: string;
const LOGIN = `KISI-LOGIN ${DEMO_SEED.apiKey}`;

function unlock(lockId = 5001, init: RequestInit = {}) {
  return fetch(`${emu.url}/locks/${lockId}/unlock`, {
    method: "POST",
    headers: { Authorization: linkAuth },
    ...init,
  });
}

function createLink(name = "Visitor") {
  return fetch(`${emu.url}/group_links`, {
    method: "POST",
    headers: { Authorization: LOGIN, "Content-Type": "application/json" },
    body: JSON.stringify({ group_link: { name, group_id: DEMO_SEED.groupId } }),
  });
}

beforeAll(async () => {
  emu = await startKisiEmulator({ port: 0, rateLimitPerSecond: 10_000 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  emu.reset();
  const res = await createLink("Fixture");
  linkAuth = `KISI-GROUP-LINK ${String(((await res.json()) as { secret: string }).secret)}`;
});

describe("fault kinds", () => {
  it("latency delays the answer, then handles normally", async () => {
    emu.faults.add({ path: "/locks/:id/unlock", action: { kind: "latency", ms: 150 } });
    const started = performance.now();
    const res = await unlock();
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(emu.state.unlocks).toHaveLength(1);

    const fastStart = performance.now();
    await fetch(`${emu.url}/locks`, { headers: { Authorization: linkAuth } });
    expect(performance.now() - fastStart).toBeLessThan(140);
  });

  it("status replaces handling with the given answer", async () => {
    emu.faults.add({
      method: "POST",
      path: "/locks/:id/unlock",
      action: {
        kind: "status",
        status: 503,
        body: { code: "fbc000", error: "The Kisi controller firmware is being updated." },
        headers: { "X-Fault": "yes" },
      },
    });
    const res = await unlock();
    expect(res.status).toBe(503);
    expect(res.headers.get("x-fault")).toBe("yes");
    expect(await res.json()).toEqual({
      code: "fbc000",
      error: "The Kisi controller firmware is being updated.",
    });
    expect(emu.state.unlocks).toEqual([]);
    expect(emu.requests.at(-1)?.status).toBe(503);
  });

  it("status without a body answers Kisi's generic error", async () => {
    emu.faults.add({ path: "/locks*", action: { kind: "status", status: 500 } });
    const res = await unlock();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: "ffffff", error: "An unexpected issue occured." });
  });

  it("rate_limit answers 429 with or without Retry-After", async () => {
    emu.faults.add({ times: 1, action: { kind: "rate_limit", retryAfter: 2 } });
    emu.faults.add({ times: 1, action: { kind: "rate_limit", retryAfter: null } });
    emu.faults.add({ times: 1, action: { kind: "rate_limit" } });
    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await unlock();
      answers.push([res.status, res.headers.get("retry-after"), await res.json()]);
    }
    const body = { code: "000429", error: "Too many requests, please slow down." };
    expect(answers).toEqual([
      [429, "2", body],
      [429, null, body],
      [429, "1", body],
    ]);
    expect((await unlock()).status).toBe(200);
  });

  it("drop destroys the connection before handling: no link is created", async () => {
    emu.faults.add({ method: "POST", path: "/group_links", action: { kind: "drop" } });
    await expect(createLink("Dropped")).rejects.toThrow();
    expect(emu.state.groupLinks.map((link) => link.name)).toEqual(["Fixture"]);
    const recorded = emu.requests.at(-1);
    expect(recorded).toMatchObject({ method: "POST", path: "/group_links", status: 0 });
  });

  it("drop_after_commit creates the link, then destroys the connection", async () => {
    emu.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop_after_commit" },
    });
    await expect(createLink("Orphan")).rejects.toThrow();
    expect(emu.state.groupLinks.map((link) => link.name)).toEqual(["Fixture", "Orphan"]);
    expect(emu.requests.at(-1)?.status).toBe(0);
    const list = await fetch(`${emu.url}/group_links?query=Orphan`, {
      headers: { Authorization: LOGIN },
    });
    expect(((await list.json()) as unknown[]).length).toBe(1);
  });

  it("malformed answers 200 with a body that is not JSON", async () => {
    emu.faults.add({ times: 1, action: { kind: "malformed" } });
    const truncated = await unlock();
    expect(truncated.status).toBe(200);
    expect(truncated.headers.get("content-type")).toContain("application/json");
    const text = await truncated.text();
    expect(text).toBe('{"message":"Unl');
    expect(() => JSON.parse(text) as unknown).toThrow();

    emu.faults.add({
      times: 1,
      action: { kind: "malformed", body: "<html>Bad gateway</html>", contentType: "text/html" },
    });
    const html = await unlock();
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(await html.text()).toBe("<html>Bad gateway</html>");
    expect(emu.state.unlocks).toEqual([]);
  });

  it("redirect answers 302 with Location and does not handle the request", async () => {
    emu.faults.add({ times: 1, action: { kind: "redirect", location: "https://evil.example/x" } });
    const res = await unlock(5001, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://evil.example/x");
    emu.faults.add({ times: 1, action: { kind: "redirect", location: "/elsewhere", status: 307 } });
    expect((await unlock(5001, { redirect: "manual" })).status).toBe(307);
    expect(emu.state.unlocks).toEqual([]);
  });
});

describe("rule matching", () => {
  it("counts times down, then lets requests through", async () => {
    emu.faults.add({ id: "two-503s", times: 2, action: { kind: "status", status: 503 } });
    const seen = [];
    for (let i = 0; i < 3; i += 1) seen.push((await unlock()).status);
    expect(seen).toEqual([503, 503, 200]);
    expect(emu.faults.list()).toEqual([
      { id: "two-503s", times: 0, action: { kind: "status", status: 503 } },
    ]);
  });

  it("matches method, exact paths, :params and * prefixes in insertion order", async () => {
    emu.faults.add({
      method: "GET",
      path: "/locks/:id/unlock",
      action: { kind: "status", status: 418 },
    });
    emu.faults.add({ path: "/locks/5002/unlock", action: { kind: "status", status: 502 } });
    emu.faults.add({ path: "/locks/:id/unlock", action: { kind: "status", status: 504 } });
    emu.faults.add({ path: "/group*", action: { kind: "status", status: 500 } });
    expect((await unlock(5002)).status).toBe(502);
    expect((await unlock(5003)).status).toBe(504);
    expect((await fetch(`${emu.url}/locks`, { headers: { Authorization: LOGIN } })).status).toBe(
      200,
    );
    expect((await createLink()).status).toBe(500);
    expect((await fetch(`${emu.url}/groups`, { headers: { Authorization: LOGIN } })).status).toBe(
      500,
    );
  });

  it("clear() removes every rule and reset() does too", async () => {
    emu.faults.add({ action: { kind: "status", status: 500 } });
    emu.faults.clear();
    expect(emu.faults.list()).toEqual([]);
    expect((await unlock()).status).toBe(200);
    emu.faults.add({ action: { kind: "status", status: 500 } });
    emu.reset();
    expect(emu.faults.list()).toEqual([]);
  });

  it("rejects invalid rules", () => {
    expect(() => emu.faults.add({ action: { kind: "latency", ms: -5 } })).toThrow();
    expect(() => emu.faults.add({ path: "locks", action: { kind: "drop" } })).toThrow();
    expect(emu.faults.list()).toEqual([]);
  });
});
