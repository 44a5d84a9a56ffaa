import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/create-auth";
import { createOwner } from "@/lib/auth/create-owner";
import { currentSession } from "@/lib/auth/current-session";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { session } from "@/lib/db/schema";

const demo = parseConfig({ LATCHKEY_DEMO: "1" });
let handle: DbHandle;

beforeAll(async () => {
  handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
  await createOwner(handle.db, demo, {
    email: "ada@studio.example",
    name: "Ada",
    password: "correct-horse-battery",
    organization: "Studio Co",
  });
});
afterAll(() => handle.close());

async function signIn(auth: ReturnType<typeof createAuth>, origin: string) {
  const res = await auth.handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email: "ada@studio.example", password: "correct-horse-battery" }),
    }),
  );
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie") ?? "";
}

/** The request Cookie header a browser would send back for a Set-Cookie header. */
function cookieHeader(setCookie: string): string {
  return setCookie
    .split(/,(?=\s*[^;=]+=)/)
    .map((c) => c.split(";")[0]!.trim())
    .join("; ");
}

describe("session cookie", () => {
  it("is __Host- prefixed, Secure, HttpOnly, Path=/ and without Domain over https", async () => {
    const config = { ...demo, appOrigin: "https://access.example.com" };
    const setCookie = await signIn(createAuth(handle.db, config), config.appOrigin);
    const token = setCookie.split(/,(?=\s*[^;=]+=)/).find((c) => c.includes("session_token"));
    expect(token).toMatch(/^\s*__Host-latchkey\.session_token=/);
    expect(token).toMatch(/;\s*Secure/i);
    expect(token).toMatch(/;\s*HttpOnly/i);
    expect(token).toMatch(/;\s*Path=\//i);
    expect(token).not.toMatch(/Domain=/i);
  });

  it("keeps the plain name over http, where browsers refuse prefixed cookies", async () => {
    const setCookie = await signIn(createAuth(handle.db, demo), demo.appOrigin);
    expect(setCookie).toMatch(/^latchkey\.session_token=/);
  });
});

describe("currentSession", () => {
  it("accepts a fresh session, and ends one older than the absolute lifetime even if it was used", async () => {
    const auth = createAuth(handle.db, demo);
    const headers = new Headers({ cookie: cookieHeader(await signIn(auth, demo.appOrigin)) });
    const found = await currentSession(auth, handle.db, headers);
    expect(found?.user.email).toBe("ada@studio.example");

    const later = new Date(Date.now() + (SESSION_ABSOLUTE_SECONDS + 60) * 1000);
    // Still unexpired as far as better-auth is concerned (it slides while in use)…
    await handle.db
      .update(session)
      .set({ expiresAt: new Date(later.getTime() + 3_600_000) })
      .where(eq(session.id, found!.session.id));
    expect(await currentSession(auth, handle.db, headers, later)).toBeNull();
    // …but it is gone for good, not just refused once.
    expect(await handle.db.select().from(session).where(eq(session.id, found!.session.id))).toEqual(
      [],
    );
    expect(await currentSession(auth, handle.db, headers)).toBeNull();
  });
});
