import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/create-auth";
import { createOwner } from "@/lib/auth/create-owner";
import { isExposedAuthPath } from "@/lib/auth/exposed-paths";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { user } from "@/lib/db/schema";
import { resolveClientAddress } from "@/lib/server/client-address";
import { fromClient } from "../../support/client-address";

const config = parseConfig({ LATCHKEY_DEMO: "1", AUTH_SIGN_INS_PER_MINUTE: "5" });
let handle: DbHandle;

beforeAll(async () => {
  handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
  await createOwner(handle.db, config, {
    email: "ada@studio.example",
    name: "Ada",
    password: "correct-horse-battery",
    organization: "Studio Co",
  });
});
afterAll(() => handle.close());

function signIn(auth: ReturnType<typeof createAuth>, password: string, ip = "198.51.100.9") {
  return auth.handler(
    new Request(`${config.appOrigin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: config.appOrigin,
        ...fromClient(ip),
      },
      body: JSON.stringify({ email: "ada@studio.example", password }),
    }),
  );
}

describe("sign-in", () => {
  it("answers a wrong password and an unknown account alike, and sets an HttpOnly session cookie on success", async () => {
    const auth = createAuth(handle.db, config);
    const wrong = await signIn(auth, "wrong-password-123", "198.51.100.1");
    const ok = await signIn(auth, "correct-horse-battery", "198.51.100.2");
    expect(wrong.status).toBe(401);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/latchkey\.session_token=.*HttpOnly/i);
  });

  it("throttles the sixth attempt from one address within a minute, even with the right password", async () => {
    const auth = createAuth(handle.db, config);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(auth, "wrong-password-123")).status);
    statuses.push((await signIn(auth, "correct-horse-battery")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe("sign-in behind a proxy chain (TRUSTED_PROXY_HOPS=2)", () => {
  /** A request as the server wrapper hands it on: X-Forwarded-For as the proxies wrote it. */
  function viaProxies(auth: ReturnType<typeof createAuth>, client: string, password: string) {
    const forwardedFor = `${client}, 10.0.0.2`; // the CDN saw `client`, the balancer the CDN
    return auth.handler(
      new Request(`${config.appOrigin}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: config.appOrigin,
          "x-forwarded-for": forwardedFor,
          ...fromClient(resolveClientAddress(forwardedFor, "10.0.0.3", 2)),
        },
        body: JSON.stringify({ email: "ada@studio.example", password }),
      }),
    );
  }

  it("gives each client its own bucket: an attacker's failures never refuse another client's right password", async () => {
    const auth = createAuth(handle.db, config);
    for (let i = 0; i < 5; i++)
      expect((await viaProxies(auth, "203.0.113.50", "wrong-password-123")).status).toBe(401);
    expect((await viaProxies(auth, "203.0.113.50", "wrong-password-123")).status).toBe(429);
    expect((await viaProxies(auth, "198.51.100.60", "correct-horse-battery")).status).toBe(200);
  });
});

describe("account creation", () => {
  it("is refused by the server's instance, even when called directly", async () => {
    const res = await createAuth(handle.db, config).handler(
      new Request(`${config.appOrigin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: config.appOrigin },
        body: JSON.stringify({
          email: "mallory@evil.example",
          name: "M",
          password: "p".repeat(16),
        }),
      }),
    );
    expect(res.status).toBe(400);
    const rows = await handle.db.select().from(user).where(eq(user.email, "mallory@evil.example"));
    expect(rows).toEqual([]);
  });
});

describe("isExposedAuthPath", () => {
  it.each([
    ["POST", "/api/auth/sign-in/email", true],
    ["POST", "/api/auth/sign-out", true],
    ["GET", "/api/auth/get-session", true],
    ["GET", "/api/auth/sign-in/email", false],
    ["POST", "/api/auth/sign-up/email", false],
    ["POST", "/api/auth/request-password-reset", false],
    ["POST", "/api/auth/delete-user", false],
    ["POST", "/api/auth/update-user", false],
    ["GET", "/api/auth/list-sessions", false],
    ["GET", "/api/auth/passkey/generate-authenticate-options", true],
    ["POST", "/api/auth/passkey/verify-authentication", true],
    ["POST", "/api/auth/passkey/delete-passkey", true],
    // Renaming is not offered, and the plugin's GET-able options are not POST-able.
    ["POST", "/api/auth/passkey/update-passkey", false],
    ["POST", "/api/auth/passkey/generate-register-options", false],
  ])("%s %s → %s", (method, path, expected) => {
    expect(isExposedAuthPath(method, path)).toBe(expected);
  });
});
