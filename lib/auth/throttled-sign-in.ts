import type { Db } from "@/lib/db/connect";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";
import type { Auth } from "./create-auth";
import {
  checkSignIn,
  recordSignInFailure,
  recordSignInSuccess,
  throttleKeys,
} from "./sign-in-throttle";

/**
 * POST /api/auth/sign-in/email through the per-account throttle (sign-in-throttle.ts), then
 * better-auth (which applies the per-address limit and checks the password). `req` has already
 * been through the server wrapper, so its client-address header is the trusted one (or absent).
 */
export async function throttledSignIn(
  auth: Auth,
  db: Db,
  secret: string,
  req: Request,
  now = new Date(),
): Promise<Response> {
  const email = await emailOf(req);
  if (email === null) return auth.handler(req); // better-auth answers the malformed body
  const keys = throttleKeys(secret, email, req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown");
  const check = await checkSignIn(db, keys, now);
  if (!check.allowed) {
    // The same answer better-auth gives past its own limit, so clients need one case.
    return Response.json(
      { message: "Too many requests. Please try again later." },
      {
        status: 429,
        headers: {
          "Retry-After": String(check.retryAfterSeconds),
          "X-Retry-After": String(check.retryAfterSeconds),
        },
      },
    );
  }
  const res = await auth.handler(req);
  if (res.status === 401) await recordSignInFailure(db, keys, check.known, now);
  else if (res.ok) await recordSignInSuccess(db, keys, now);
  return res;
}

async function emailOf(req: Request): Promise<string | null> {
  try {
    const body = (await req.clone().json()) as { email?: unknown };
    return typeof body?.email === "string" && body.email.length <= 254 ? body.email : null;
  } catch {
    return null;
  }
}
