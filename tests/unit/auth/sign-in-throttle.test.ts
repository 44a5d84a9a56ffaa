import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAuth } from "@/lib/auth/create-auth";
import { createOwner } from "@/lib/auth/create-owner";
import { backoffSeconds, SIGN_IN_THROTTLE } from "@/lib/auth/sign-in-throttle";
import { throttledSignIn } from "@/lib/auth/throttled-sign-in";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { fromClient } from "../../support/client-address";

/**
 * The per-account throttle through better-auth itself, on a fake clock (the per-address limit is
 * raised here so only the per-account rules decide). Each test uses its own account.
 */
// Each test runs up to ~35 real sign-ins, each a scrypt check: on a loaded machine that outlasts
// the default 20 s. No assertion depends on wall time (the throttle runs on the fake clock).
vi.setConfig({ testTimeout: 90_000 });

const config = parseConfig({ LATCHKEY_DEMO: "1", AUTH_SIGN_INS_PER_MINUTE: "100" });
const PASSWORD = "correct-horse-battery";
let handle: DbHandle;
let auth: ReturnType<typeof createAuth>;
let n = 0;

beforeAll(async () => {
  handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
  auth = createAuth(handle.db, config);
});
afterAll(() => handle.close());

async function newAccount(): Promise<string> {
  const email = `person${++n}@studio.example`;
  await createOwner(handle.db, config, {
    email,
    name: `Person ${n}`,
    password: PASSWORD,
    organization: `Org ${n}`,
  });
  return email;
}

let clock = Date.now();
const later = (seconds: number) => (clock += seconds * 1000);

function attempt(email: string, password: string, address: string) {
  const req = new Request(`${config.appOrigin}/api/auth/sign-in/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: config.appOrigin,
      ...fromClient(address),
    },
    body: JSON.stringify({ email, password }),
  });
  return throttledSignIn(auth, handle.db, config.authSecret, req, new Date(clock));
}

describe("backoffSeconds", () => {
  it("is free up to the limit, then doubles, capped", () => {
    expect([5, 6, 7, 8].map((f) => backoffSeconds(f, 5))).toEqual([null, 2, 4, 8]);
    expect(backoffSeconds(40, 5)).toBe(SIGN_IN_THROTTLE.MAX_BLOCK_S);
  });
});

describe("per account and address", () => {
  it("doubles the wait after five failures, and refuses even the right password while it runs", async () => {
    const email = await newAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await attempt(email, "wrong-password-1", "203.0.113.1")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const refused = await attempt(email, PASSWORD, "203.0.113.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("2");
    later(3);
    expect((await attempt(email, "wrong-password-1", "203.0.113.1")).status).toBe(401);
    expect((await attempt(email, PASSWORD, "203.0.113.1")).headers.get("retry-after")).toBe("4");
    later(5);
    expect((await attempt(email, PASSWORD, "203.0.113.1")).status).toBe(200);
  });

  it("never keeps the right password from another address out", async () => {
    const email = await newAccount();
    for (let i = 0; i < 12; i++) {
      await attempt(email, "wrong-password-1", "203.0.113.2");
      later(1);
    }
    expect((await attempt(email, PASSWORD, "203.0.113.2")).status).toBe(429);
    expect((await attempt(email, PASSWORD, "198.51.100.2")).status).toBe(200);
  });

  it("is never longer than the cap, and forgets after an hour without failures", async () => {
    const email = await newAccount();
    for (let i = 0; i < 30; i++) {
      const res = await attempt(email, "wrong-password-1", "203.0.113.3");
      if (res.status === 429) later(Number(res.headers.get("retry-after")));
    }
    const waiting = await attempt(email, PASSWORD, "203.0.113.3");
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get("retry-after"))).toBeLessThanOrEqual(
      SIGN_IN_THROTTLE.MAX_BLOCK_S,
    );
    later(SIGN_IN_THROTTLE.DECAY_S + 1);
    // Forgotten: five free failures again before any wait.
    for (let i = 0; i < 5; i++)
      expect((await attempt(email, "wrong-password-1", "203.0.113.3")).status).toBe(401);
    expect((await attempt(email, PASSWORD, "203.0.113.3")).status).toBe(200);
  });
});

describe("per account across addresses", () => {
  it("slows a guesser rotating addresses, but not an address that signed in before", async () => {
    const email = await newAccount();
    expect((await attempt(email, PASSWORD, "198.51.100.50")).status).toBe(200); // the office
    for (let i = 0; i < SIGN_IN_THROTTLE.ACCOUNT_FREE + 1; i++)
      expect((await attempt(email, "wrong-password-1", `203.0.113.${100 + i}`)).status).toBe(401);
    const stranger = await attempt(email, PASSWORD, "192.0.2.77");
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBe(2);
    // The office, where the owner signed in before, is not slowed.
    expect((await attempt(email, PASSWORD, "198.51.100.50")).status).toBe(200);
    // And the wait ends: no lockout an attacker can make permanent.
    later(3);
    expect((await attempt(email, PASSWORD, "192.0.2.77")).status).toBe(200);
  });

  it("treats an unknown email exactly like a real one", async () => {
    const real = await newAccount();
    const run = async (email: string, address: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await attempt(email, "wrong-password-1", address);
        out.push(`${res.status} ${res.headers.get("retry-after") ?? ""}`);
      }
      return out;
    };
    expect(await run("nobody@studio.example", "203.0.113.60")).toEqual(
      await run(real, "203.0.113.61"),
    );
  });
});
