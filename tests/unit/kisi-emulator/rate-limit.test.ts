import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startKisiEmulator } from "@/lib/kisi/emulator";
import {
  LOGIN,
  LOGIN_2,
  OTHER_LOGIN,
  kisiRequest,
  seedGroupLink,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

// The emulator's own limit (Kisi's 5/s) is what this file tests, not the helper's generous one.
const emu = setupKisiEmulator({ rateLimitPerSecond: undefined });

const get = (auth?: string, url = emu().url) => kisiRequest(url, "GET", "/locks", { auth });

async function statuses(auths: (string | undefined)[], url = emu().url): Promise<number[]> {
  const out: number[] = [];
  for (const auth of auths) out.push((await get(auth, url)).status);
  return out;
}

describe("5 requests per second per Kisi user", () => {
  it("answers the 6th request within a second with 429, Retry-After: 1 and a Kisi error body", async () => {
    expect(await statuses(Array(5).fill(LOGIN))).toEqual([200, 200, 200, 200, 200]);
    const sixth = await get(LOGIN);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe("1");
    expect(sixth.json).toEqual({
      code: "000429",
      error: "Too many requests, please slow down.",
    });
    expect(emu().requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("shares one budget between two API keys of the same user", async () => {
    expect(await statuses([LOGIN, LOGIN_2, LOGIN, LOGIN_2, LOGIN])).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect((await get(LOGIN_2)).status).toBe(429);
  });

  it("keeps separate budgets for separate users", async () => {
    await statuses(Array(5).fill(LOGIN));
    expect((await get(LOGIN)).status).toBe(429);
    expect(await statuses(Array(5).fill(OTHER_LOGIN))).toEqual([200, 200, 200, 200, 200]);
  });

  it("counts unauthenticated calls per IP, apart from users", async () => {
    expect(await statuses(Array(5).fill(undefined))).toEqual([401, 401, 401, 401, 401]);
    expect((await get(undefined)).status).toBe(429);
    expect((await get("KISI-LOGIN wrong-key")).status).toBe(429);
    expect((await get(LOGIN)).status).toBe(200);
  });

  it("frees the budget after the window, and rejected requests do not consume it", async () => {
    await statuses(Array(5).fill(LOGIN));
    await sleep(600);
    expect(await statuses([LOGIN, LOGIN, LOGIN])).toEqual([429, 429, 429]);
    await sleep(500);
    // The 5 accepted calls left the window; had the 429s counted, only 2 would pass now.
    expect(await statuses(Array(5).fill(LOGIN))).toEqual([200, 200, 200, 200, 200]);
  });

  it("charges link calls to the link creator's budget by default", async () => {
    const linkAuth = seedGroupLink(emu(), { secret: "link-secret-creator-budget-000000000000" });
    expect(await statuses([LOGIN, LOGIN, LOGIN, linkAuth, linkAuth])).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect((await get(LOGIN)).status).toBe(429);
    expect((await get(linkAuth)).status).toBe(429);
  });
});

describe("options", () => {
  it("omits Retry-After when retryAfterOn429 is null and honours rateLimitPerSecond", async () => {
    const strict = await startKisiEmulator({
      port: 0,
      rateLimitPerSecond: 2,
      retryAfterOn429: null,
    });
    try {
      expect(await statuses([LOGIN, LOGIN], strict.url)).toEqual([200, 200]);
      const third = await get(LOGIN, strict.url);
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toBeNull();
    } finally {
      await strict.close();
    }
  });

  it("gives each link its own budget with groupLinkBudget: link", async () => {
    const perLink = await startKisiEmulator({ port: 0, groupLinkBudget: "link" });
    try {
      const linkAuth = seedGroupLink(perLink, {
        secret: "link-secret-own-budget-0000000000000000",
      });
      expect(await statuses(Array(5).fill(LOGIN), perLink.url)).toEqual([200, 200, 200, 200, 200]);
      expect((await get(LOGIN, perLink.url)).status).toBe(429);
      expect(await statuses(Array(5).fill(linkAuth), perLink.url)).toEqual([
        200, 200, 200, 200, 200,
      ]);
      expect((await get(linkAuth, perLink.url)).status).toBe(429);
    } finally {
      await perLink.close();
    }
  });
});
