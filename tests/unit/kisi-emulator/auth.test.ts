import { describe, expect, it } from "vitest";
import { DEMO_SEED, startKisiEmulator } from "@/lib/kisi/emulator";
import type { KisiRequestOptions } from "@/tests/support/kisi-emulator";
import {
  LOGIN,
  LOGIN_2,
  createGroupLinkAuth,
  kisiRequest,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

const emu = setupKisiEmulator();
const HOUR = 3_600_000;
const UNAUTHENTICATED = {
  code: "000401",
  error: "You need to sign in or sign up before continuing.",
};

const api = (method: string, path: string, opts?: KisiRequestOptions) =>
  kisiRequest(emu().url, method, path, opts);

describe("KISI-LOGIN", () => {
  it("accepts both API keys of the demo owner", async () => {
    expect((await api("GET", "/locks", { auth: LOGIN })).status).toBe(200);
    const second = await api("GET", "/locks", { auth: LOGIN_2 });
    expect(second.status).toBe(200);
  });

  it("answers 401 with the Kisi error body when the header is missing or the key unknown", async () => {
    for (const auth of [undefined, "KISI-LOGIN nope", "KISI-LOGIN", ""]) {
      const res = await api("GET", "/locks", { auth });
      expect(res.status, String(auth)).toBe(401);
      expect(res.json, String(auth)).toEqual(UNAUTHENTICATED);
    }
  });

  it("answers 401 for schemes the emulator issues no credentials for", async () => {
    for (const auth of [
      `Bearer ${DEMO_SEED.apiKey}`,
      `KISI-ACCESS-KEY ${DEMO_SEED.apiKey}`,
      `KISI-ORGANIZATION ${DEMO_SEED.apiKey}`,
      `Basic ${Buffer.from("a:b").toString("base64")}`,
      DEMO_SEED.apiKey,
    ]) {
      const res = await api("GET", "/locks", { auth });
      expect(res.status, auth).toBe(401);
      expect(res.json, auth).toEqual(UNAUTHENTICATED);
    }
  });

  it("records the scheme and credential as Kisi sees them", async () => {
    await api("GET", "/locks", { auth: `Bearer tok` });
    await api("GET", "/locks", { auth: LOGIN });
    await api("GET", "/locks", { auth: "Basic abc" });
    expect(emu().requests.map((r) => [r.authScheme, r.credential])).toEqual([
      ["Bearer", "tok"],
      ["KISI-LOGIN", DEMO_SEED.apiKey],
      [null, null],
    ]);
    expect(emu().requests[1]?.headers.authorization).toBe(LOGIN);
  });
});

describe("KISI-GROUP-LINK", () => {
  it("works inside the validity window", async () => {
    const auth = await createGroupLinkAuth(emu().url, {
      valid_from: new Date(Date.now() - HOUR).toISOString(),
      valid_until: new Date(Date.now() + HOUR).toISOString(),
    });
    const res = await api("GET", "/locks", { auth });
    expect(res.status).toBe(200);
  });

  it("answers 401 f299ef for an unknown secret", async () => {
    const res = await api("GET", "/locks", { auth: "KISI-GROUP-LINK not-a-secret" });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ code: "f299ef", error: "Your link is invalid." });
  });

  it("answers 403 f358de before valid_from and 403 f35ade from valid_until on", async () => {
    const from = new Date(Date.now() + HOUR);
    const until = new Date(Date.now() + 3 * HOUR);
    const auth = await createGroupLinkAuth(emu().url, {
      valid_from: from.toISOString(),
      valid_until: until.toISOString(),
    });

    const early = await api("POST", "/locks/5001/unlock", { auth });
    expect(early.status).toBe(403);
    expect(early.json).toEqual({
      code: "f358de",
      error: "Your access is not yet valid, please try again later.",
    });

    emu().setClockOffset(2 * HOUR);
    expect((await api("POST", "/locks/5001/unlock", { auth })).status).toBe(200);

    emu().setClockOffset(until.getTime() - Date.now() + 1000);
    const late = await api("POST", "/locks/5001/unlock", { auth });
    expect(late.status).toBe(403);
    expect(late.json).toEqual({ code: "f35ade", error: "Your access is no longer valid." });
    expect(emu().state.unlocks).toHaveLength(1);
  });

  it("answers 403 f297ef for a disabled link", async () => {
    const auth = await createGroupLinkAuth(emu().url, { link_enabled: false });
    const res = await api("GET", "/locks", { auth });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ code: "f297ef", error: "Your link is disabled." });
  });

  it("is refused with 401 on login-only endpoints", async () => {
    const auth = await createGroupLinkAuth(emu().url);
    for (const [method, path] of [
      ["GET", "/group_links"],
      ["POST", "/group_links"],
      ["GET", "/groups"],
      ["GET", `/groups/${DEMO_SEED.groupId}`],
      ["GET", `/group_locks?group_id=${DEMO_SEED.groupId}`],
    ] as const) {
      const res = await api(method, path, { auth, body: method === "POST" ? {} : undefined });
      expect(res.status, path).toBe(401);
      expect(res.json, path).toEqual(UNAUTHENTICATED);
    }
  });

  it("uses the configured link errors", async () => {
    const custom = await startKisiEmulator({
      port: 0,
      rateLimitPerSecond: 10_000,
      linkErrors: {
        unknown: { status: 403, code: "f29aef", error: "Your link is invalid." },
        expired: { status: 401, code: "f298ef", error: "Your link has expired." },
      },
    });
    try {
      const unknown = await kisiRequest(custom.url, "GET", "/locks", {
        auth: "KISI-GROUP-LINK nope",
      });
      expect({ status: unknown.status, json: unknown.json }).toEqual({
        status: 403,
        json: { code: "f29aef", error: "Your link is invalid." },
      });
      const expiredAuth = await createGroupLinkAuth(custom.url, {
        valid_until: new Date(Date.now() - 1000).toISOString(),
      });
      const expired = await kisiRequest(custom.url, "GET", "/locks", { auth: expiredAuth });
      expect({ status: expired.status, json: expired.json }).toEqual({
        status: 401,
        json: { code: "f298ef", error: "Your link has expired." },
      });
      // Unconfigured kinds keep their defaults.
      const disabledAuth = await createGroupLinkAuth(custom.url, { link_enabled: false });
      const res = await kisiRequest(custom.url, "GET", "/locks", { auth: disabledAuth });
      expect(res.json.code).toBe("f297ef");
    } finally {
      await custom.close();
    }
  });
});
