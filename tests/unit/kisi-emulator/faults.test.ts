import { describe, expect, it } from "vitest";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import {
  LOGIN,
  createGroupLink,
  kisiFetch,
  kisiRequest,
  setupGroupLinkAuth,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

const emu = setupKisiEmulator();
const linkAuth = setupGroupLinkAuth(emu, { name: "Fixture" });

// The raw Response: faults answer bodies that are not JSON and redirects fetch must not follow.
const unlock = (lockId = 5001, redirect?: RequestRedirect) =>
  kisiFetch(emu().url, "POST", `/locks/${lockId}/unlock`, { auth: linkAuth(), redirect });

const createLink = (name = "Visitor") => createGroupLink(emu().url, { name });

describe("fault kinds", () => {
  it("latency delays the answer, then handles normally", async () => {
    emu().faults.add({ path: "/locks/:id/unlock", action: { kind: "latency", ms: 150 } });
    const started = performance.now();
    const res = await unlock();
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(emu().state.unlocks).toHaveLength(1);

    const fastStart = performance.now();
    await kisiRequest(emu().url, "GET", "/locks", { auth: linkAuth() });
    expect(performance.now() - fastStart).toBeLessThan(140);
  });

  it("status replaces handling with the given answer", async () => {
    emu().faults.add({
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
    expect(emu().state.unlocks).toEqual([]);
    expect(emu().requests.at(-1)?.status).toBe(503);
  });

  it("status without a body answers Kisi's generic error", async () => {
    emu().faults.add({ path: "/locks*", action: { kind: "status", status: 500 } });
    const res = await unlock();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: "ffffff", error: "An unexpected issue occured." });
  });

  it("rate_limit answers 429 with or without Retry-After", async () => {
    emu().faults.add({ times: 1, action: { kind: "rate_limit", retryAfter: 2 } });
    emu().faults.add({ times: 1, action: { kind: "rate_limit", retryAfter: null } });
    emu().faults.add({ times: 1, action: { kind: "rate_limit" } });
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
    emu().faults.add({ method: "POST", path: "/group_links", action: { kind: "drop" } });
    await expect(createLink("Dropped")).rejects.toThrow();
    expect(emu().state.groupLinks.map((link) => link.name)).toEqual(["Fixture"]);
    const recorded = emu().requests.at(-1);
    expect(recorded).toMatchObject({ method: "POST", path: "/group_links", status: 0 });
  });

  it("drop_after_commit creates the link, then destroys the connection", async () => {
    emu().faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "drop_after_commit" },
    });
    await expect(createLink("Orphan")).rejects.toThrow();
    expect(emu().state.groupLinks.map((link) => link.name)).toEqual(["Fixture", "Orphan"]);
    expect(emu().requests.at(-1)?.status).toBe(0);
    const list = await kisiRequest<unknown[]>(emu().url, "GET", "/group_links?query=Orphan", {
      auth: LOGIN,
    });
    expect(list.json.length).toBe(1);
  });

  it("status and malformed with afterCommit create the link, then answer the fault instead", async () => {
    emu().faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 502, afterCommit: true },
    });
    const gateway = await createLink("Behind a 502");
    expect(gateway.status).toBe(502);
    emu().faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "malformed", body: '{"id":', afterCommit: true },
    });
    const garbled = await kisiFetch(emu().url, "POST", "/group_links", {
      auth: LOGIN,
      body: { group_link: { name: "Behind a garbled 200", group_id: DEMO_SEED.groupId } },
    });
    expect(garbled.status).toBe(200);
    expect(await garbled.text()).toBe('{"id":');
    expect(emu().state.groupLinks.map((link) => link.name)).toEqual([
      "Fixture",
      "Behind a 502",
      "Behind a garbled 200",
    ]);
    // Without afterCommit the fault still answers instead of handling: nothing is created.
    emu().faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 502 },
    });
    expect((await createLink("Not created")).status).toBe(502);
    expect(emu().state.groupLinks).toHaveLength(3);
  });

  it("malformed answers 200 with a body that is not JSON", async () => {
    emu().faults.add({ times: 1, action: { kind: "malformed" } });
    const truncated = await unlock();
    expect(truncated.status).toBe(200);
    expect(truncated.headers.get("content-type")).toContain("application/json");
    const text = await truncated.text();
    expect(text).toBe('{"message":"Unl');
    expect(() => JSON.parse(text) as unknown).toThrow();

    emu().faults.add({
      times: 1,
      action: { kind: "malformed", body: "<html>Bad gateway</html>", contentType: "text/html" },
    });
    const html = await unlock();
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(await html.text()).toBe("<html>Bad gateway</html>");
    expect(emu().state.unlocks).toEqual([]);
  });

  it("redirect answers 302 with Location and does not handle the request", async () => {
    emu().faults.add({
      times: 1,
      action: { kind: "redirect", location: "https://evil.example/x" },
    });
    const res = await unlock(5001, "manual");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://evil.example/x");
    emu().faults.add({
      times: 1,
      action: { kind: "redirect", location: "/elsewhere", status: 307 },
    });
    expect((await unlock(5001, "manual")).status).toBe(307);
    expect(emu().state.unlocks).toEqual([]);
  });
});

describe("rule matching", () => {
  it("counts times down, then lets requests through", async () => {
    emu().faults.add({ id: "two-503s", times: 2, action: { kind: "status", status: 503 } });
    const seen = [];
    for (let i = 0; i < 3; i += 1) seen.push((await unlock()).status);
    expect(seen).toEqual([503, 503, 200]);
    expect(emu().faults.list()).toEqual([
      { id: "two-503s", times: 0, action: { kind: "status", status: 503 } },
    ]);
  });

  it("matches method, exact paths, :params and * prefixes in insertion order", async () => {
    emu().faults.add({
      method: "GET",
      path: "/locks/:id/unlock",
      action: { kind: "status", status: 418 },
    });
    emu().faults.add({ path: "/locks/5002/unlock", action: { kind: "status", status: 502 } });
    emu().faults.add({ path: "/locks/:id/unlock", action: { kind: "status", status: 504 } });
    emu().faults.add({ path: "/group*", action: { kind: "status", status: 500 } });
    expect((await unlock(5002)).status).toBe(502);
    expect((await unlock(5003)).status).toBe(504);
    expect((await kisiRequest(emu().url, "GET", "/locks", { auth: LOGIN })).status).toBe(200);
    expect((await createLink()).status).toBe(500);
    expect((await kisiRequest(emu().url, "GET", "/groups", { auth: LOGIN })).status).toBe(500);
  });

  it("clear() removes every rule and reset() does too", async () => {
    emu().faults.add({ action: { kind: "status", status: 500 } });
    emu().faults.clear();
    expect(emu().faults.list()).toEqual([]);
    expect((await unlock()).status).toBe(200);
    emu().faults.add({ action: { kind: "status", status: 500 } });
    emu().reset();
    expect(emu().faults.list()).toEqual([]);
  });

  it("rejects invalid rules", () => {
    expect(() => emu().faults.add({ action: { kind: "latency", ms: -5 } })).toThrow();
    expect(() => emu().faults.add({ path: "locks", action: { kind: "drop" } })).toThrow();
    expect(emu().faults.list()).toEqual([]);
  });
});
