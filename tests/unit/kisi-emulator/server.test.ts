import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEMO_SEED, OTHER_ORG_SEED, createDemoSeed, startKisiEmulator } from "@/lib/kisi/emulator";
import {
  LOGIN,
  createGroupLink,
  kisiRequest,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

const emu = setupKisiEmulator();
const ENDPOINT_404 = {
  code: "000404",
  error: "The endpoint does not exist, please check your request.",
};

describe("routing", () => {
  it("binds to 127.0.0.1 on a random port", () => {
    expect(emu().url).toBe(`http://127.0.0.1:${emu().port}`);
    expect(emu().port).toBeGreaterThan(0);
  });

  it("answers 404 000404 for unknown paths and methods, with or without auth", async () => {
    const cases: [string, string, string | undefined][] = [
      ["GET", "/nope", LOGIN],
      ["GET", "/nope", undefined],
      ["GET", "/group_links/5", LOGIN],
      ["PATCH", "/group_links/5", LOGIN],
      ["PUT", "/locks", LOGIN],
      ["GET", "/locks/5001/unlock", LOGIN],
      ["GET", "/v1/locks", LOGIN],
    ];
    for (const [method, path, auth] of cases) {
      const res = await kisiRequest(emu().url, method, path, { auth });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.json).toEqual(ENDPOINT_404);
    }
  });

  it("ignores a trailing slash like Rails", async () => {
    const res = await kisiRequest(emu().url, "GET", "/locks/", { auth: LOGIN });
    expect(res.status).toBe(200);
    expect(emu().requests[0]?.path).toBe("/locks");
  });

  it("records every API request in order with its final status", async () => {
    await kisiRequest(emu().url, "GET", "/locks", { auth: LOGIN });
    await createGroupLink(emu().url, { name: "A", group_id: 42 });
    await kisiRequest(emu().url, "GET", "/missing");
    expect(emu().requests.map((r) => [r.seq, r.method, r.path, r.status])).toEqual([
      [1, "GET", "/locks", 200],
      [2, "POST", "/group_links", 200],
      [3, "GET", "/missing", 404],
    ]);
    expect(emu().requests[1]?.body).toEqual({ group_link: { name: "A", group_id: 42 } });
  });
});

describe("state, seeds and reset", () => {
  it("exposes the demo seed constants", () => {
    expect(DEMO_SEED).toMatchObject({
      organizationId: 1,
      userId: 7,
      placeId: 300,
      groupId: 42,
      staffGroupId: 43,
      staffLockId: 5004,
    });
    expect(DEMO_SEED.guestLockIds).toEqual([5001, 5002, 5003]);
    expect(DEMO_SEED.apiKey).not.toBe(DEMO_SEED.secondApiKey);
    expect(OTHER_ORG_SEED).toMatchObject({ organizationId: 2, lockId: 6001, groupId: 52 });
    const seed = createDemoSeed();
    expect(seed.locks.map((lock) => [lock.id, lock.name])).toEqual([
      [5001, "Front door"],
      [5002, "Studio 1"],
      [5003, "Locker room"],
      [5004, "Office"],
      [5011, "Front door"],
      [5012, "Bouldering hall"],
      [6001, "Porte d'entrée"],
    ]);
    expect(seed.apiKeys.filter((key) => key.userId === DEMO_SEED.userId)).toHaveLength(2);
  });

  it("returns independent copies from createDemoSeed", () => {
    const a = createDemoSeed();
    const b = createDemoSeed();
    const first = a.locks[0];
    if (first) first.online = false;
    expect(b.locks[0]?.online).toBe(true);
  });

  it("reset() restores the seed in place and clears the clock", async () => {
    const links = emu().state.groupLinks;
    emu().setLock(5001, { online: false, locked_down: true });
    emu().setClockOffset(86_400_000);
    expect(emu().now().getTime() - Date.now()).toBeGreaterThan(86_000_000);
    await createGroupLink(emu().url, { name: "A", group_id: 42, email: "a@b.example" });
    expect(links).toHaveLength(1);
    emu().reset();
    expect(links).toHaveLength(0);
    expect(emu().state.groupLinks).toBe(links);
    expect(emu().state.sentEmails).toEqual([]);
    expect(emu().state.locks.find((lock) => lock.id === 5001)).toMatchObject({
      online: true,
      locked_down: false,
      locked_down_since: null,
    });
    expect(Math.abs(emu().now().getTime() - Date.now())).toBeLessThan(1000);
    expect(() => emu().setLock(1, { online: true })).toThrow(/no lock 1/);
  });

  it("starts empty with seed: empty but still authenticates", async () => {
    const empty = await startKisiEmulator({ port: 0, seed: "empty" });
    try {
      const res = await kisiRequest(empty.url, "GET", "/locks", { auth: LOGIN });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-collection-range")).toBe("*/0");
      expect(res.json).toEqual([]);
      empty.reset();
      expect(empty.state.locks).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

describe("CLI", () => {
  it("prints one line without secrets and exits cleanly on SIGTERM", async () => {
    const cli = fileURLToPath(new URL("../../../lib/cli/kisi-emulator.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--port", "0"], {
      env: { ...process.env, KISI_EMULATOR_PORT: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: string) => {
          out += chunk;
          if (out.includes("\n")) resolve(out);
        });
        child.once("exit", () => reject(new Error(`CLI exited early: ${out}`)));
      });
      expect(line).toMatch(
        /^Kisi emulator listening on http:\/\/127\.0\.0\.1:\d+ \(seed: demo\)\n$/,
      );
      expect(line).not.toContain(DEMO_SEED.apiKey);
      const url = /http:\/\/\S+/.exec(line)?.[0] ?? "";
      const res = await kisiRequest(url, "GET", "/locks", { auth: LOGIN });
      expect(res.status).toBe(200);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }, 15_000);
});
