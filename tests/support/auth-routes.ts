import { NextRequest } from "next/server";
import { configureLogger } from "@/lib/log/logger";
import type { AccessFixture } from "./access-fixture";
import { fromClient } from "./client-address";

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
export type RouteCall = {
  method?: string;
  cookie?: string;
  json?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

/**
 * The sign-in suites' harness: the app's singletons (database, auth, Kisi client) pointed at a
 * fixture with sign-in throttling opened wide, and `call`, which runs a route handler as Next
 * would — same-origin, each call from its own client address (so per-address limits never
 * decide a test by accident). `restore` undoes it, for afterAll.
 */
export function authRoutes(fx: AccessFixture, origin = fx.config.appOrigin) {
  const savedEnv = { ...process.env };
  const g = globalThis as Record<string, unknown>;
  process.env.LATCHKEY_DEMO = "1";
  process.env.APP_ORIGIN = origin;
  process.env.KISI_BASE_URL = fx.emulator.url;
  process.env.AUTH_SIGN_INS_PER_MINUTE = "100";
  g.latchkeyDb = Promise.resolve({ db: fx.db, close: async () => {} });
  configureLogger({ level: "silent" });
  let ip = 10;

  function call(handler: unknown, path: string, init: RouteCall = {}) {
    const headers: Record<string, string> = { origin, ...fromClient(`198.51.100.${ip++}`) };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.json !== undefined) headers["content-type"] = "application/json";
    Object.assign(headers, init.headers);
    return (handler as Handler)(
      new NextRequest(`${origin}${path}`, {
        method: init.method ?? "POST",
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      }),
      { params: Promise.resolve((init.params ?? {}) as never) },
    );
  }

  function restore() {
    for (const key of ["latchkeyDb", "latchkeyAuth", "latchkeyKisi", "latchkeyConfig"])
      delete g[key];
    process.env = savedEnv;
  }

  return { call, restore };
}

/** `cookie` with the cookies a response set added (or replaced, or cleared), as one header. */
export function withCookies(cookie: string, res: Response): string {
  const jar = new Map(
    cookie
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c] as const),
  );
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(";")[0]!;
    const name = pair.split("=")[0]!;
    if (pair.endsWith("=")) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}
