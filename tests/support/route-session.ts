import { NextRequest } from "next/server";
import { expect } from "vitest";
import { getAuth } from "@/lib/auth";
import { DEMO_ACCOUNT } from "@/lib/demo/constants";
import { fromClient } from "./client-address";

/**
 * Points the app's singletons (database, Kisi client, auth) at a test fixture, so route
 * handlers run for real against it. Returns the undo, for afterAll.
 */
export function routesUse(fx: { db: unknown; emulator: { url: string } }): () => void {
  const savedEnv = { ...process.env };
  const g = globalThis as Record<string, unknown>;
  process.env.LATCHKEY_DEMO = "1";
  process.env.KISI_BASE_URL = fx.emulator.url;
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
  return () => {
    for (const key of ["latchkeyDb", "latchkeyAuth", "latchkeyKisi"]) delete g[key];
    process.env = savedEnv;
  };
}

/** A demo person's session cookie, signed in through better-auth's real handler. */
export async function signInCookie(origin: string, email: string, ip = "198.51.100.80") {
  const res = await (
    await getAuth()
  ).handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...fromClient(ip) },
      body: JSON.stringify({ email, password: DEMO_ACCOUNT.password }),
    }),
  );
  expect(res.status).toBe(200);
  return /latchkey\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
}

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;

/** Calls a route handler as Next would, same-origin, with a session cookie and JSON body. */
export function callRoute(
  handler: unknown,
  params: Record<string, string>,
  init: {
    origin: string;
    cookie: string;
    method: string;
    path: string;
    json?: unknown;
    headers?: Record<string, string>;
  },
): Promise<Response> {
  const req = new NextRequest(`${init.origin}${init.path}`, {
    method: init.method,
    headers: {
      cookie: init.cookie,
      origin: init.origin,
      ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  return (handler as Handler)(req, { params: Promise.resolve(params as never) });
}
