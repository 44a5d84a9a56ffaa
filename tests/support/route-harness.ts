import { fromClient } from "./client-address";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { getAuth } from "@/lib/auth";
import { DEMO_ACCOUNT } from "@/lib/demo/constants";
import { configureLogger } from "@/lib/log/logger";
import { setupAccessFixture, type AccessFixture } from "./access-fixture";

/**
 * The real route handlers, called in-process: the app's own getDb/getAuth/getKisiClient pointed
 * at an in-memory PGlite with the demo tenant and the Kisi emulator (no Next server, no ports).
 */
export type RouteHarness = {
  fx: AccessFixture;
  origin: string;
  logLines: string[];
  call: (handler: unknown, params: Record<string, string>, init: RouteCall) => Promise<Response>;
  /** A signed-in session's cookie for one of the demo people. */
  sessionCookie: (email: string, ip?: string) => Promise<string>;
  close: () => Promise<void>;
};

export type RouteCall = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  /** Sent as is, with its own content type in `headers` (bytes for an upload). */
  body?: string | Uint8Array;
};

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
const g = globalThis as Record<string, unknown>;

export async function setupRouteHarness(): Promise<RouteHarness> {
  const savedEnv = { ...process.env };
  const fx = await setupAccessFixture();
  const origin = fx.config.appOrigin;
  process.env.LATCHKEY_DEMO = "1";
  process.env.KISI_BASE_URL = fx.emulator.url;
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
  const logLines: string[] = [];
  configureLogger({ level: "debug", sink: (line) => logLines.push(line) });

  function call(handler: unknown, params: Record<string, string>, init: RouteCall) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const req = new NextRequest(`${origin}${init.path}`, {
      method: init.method ?? "GET",
      headers,
      body:
        init.body instanceof Uint8Array
          ? new Uint8Array(init.body)
          : (init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json))),
    });
    return (handler as Handler)(req, { params: Promise.resolve(params as never) });
  }

  let ipCounter = 0;
  async function sessionCookie(email: string, ip = `198.51.100.${100 + ++ipCounter}`) {
    const auth = await getAuth();
    const res = await auth.handler(
      new Request(`${origin}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, ...fromClient(ip) },
        body: JSON.stringify({ email, password: DEMO_ACCOUNT.password }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = /latchkey\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    expect(cookie).toBeTruthy();
    return cookie!;
  }

  return {
    fx,
    origin,
    logLines,
    call,
    sessionCookie,
    close: async () => {
      configureLogger({ level: "silent" });
      for (const key of ["latchkeyDb", "latchkeyAuth", "latchkeyKisi"]) delete g[key];
      process.env = savedEnv;
      await fx.close();
    },
  };
}
