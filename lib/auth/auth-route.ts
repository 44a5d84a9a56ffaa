import "server-only";
import { parseJsonBody, type HandlerContext } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { getAuth } from "./index";
import { throttledSignIn } from "@/lib/auth/throttled-sign-in";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isExposedAuthPath } from "@/lib/auth/exposed-paths";
import { withoutSessionToken } from "@/lib/api/session-token-body";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "@/lib/server/client-address";
import { TOTP_REUSED_CODE } from "@/lib/auth/totp-replay";
import { recordOwnTwoFactorChange, twoFactorEnabledOf } from "@/lib/staff-audit/two-factor";
import { ownPasskey, recordOwnPasskeyChange } from "@/lib/staff-audit/passkeys";
import { passkeyRegistrationBody } from "@/lib/auth/passkey-body";
import type { NextRequest } from "next/server";

// /api/auth/* – better-auth's endpoints that the dashboard uses (sign-in, sign-out, session), and
// no others: accounts are made by `npm run admin:create`, the demo seed and staff invitations,
// never by a public sign-up. Its own handler validates input, checks the Origin of cookie-bearing
// POSTs and throttles sign-in. The session token travels only in its HttpOnly cookie, never in
// a JSON body.
const SIGN_IN_PATH = "/api/auth/sign-in/email";
/** Where a signed-in person turns their own two-factor on (the first code) or off. */
const TWO_FACTOR_TOGGLES = new Set([
  "/api/auth/two-factor/verify-totp",
  "/api/auth/two-factor/disable",
]);

/** Where a signed-in person adds or removes one of their own passkeys. */
const ADD_PASSKEY = "/api/auth/passkey/verify-registration";
const REMOVE_PASSKEY = "/api/auth/passkey/delete-passkey";

export async function betterAuthRoute({
  req,
  locale,
}: HandlerContext<Record<string, never>>): Promise<Response> {
  if (!isExposedAuthPath(req.method, req.nextUrl.pathname)) throw new ApiError("not_found");
  const auth = await getAuth();
  const request = withoutUntrustedClientAddress(req);
  const path = req.nextUrl.pathname.replace(/\/+$/, "");
  if (req.method === "POST" && path === SIGN_IN_PATH)
    return withoutSessionToken(
      await throttledSignIn(auth, await getDb(), getConfig().authSecret, request),
    );
  if (req.method === "POST" && (path === ADD_PASSKEY || path === REMOVE_PASSKEY))
    return withoutSessionToken(await passkeyChange(auth, request, path, locale));
  if (req.method !== "POST" || !TWO_FACTOR_TOGGLES.has(path))
    return withoutSessionToken(await ownErrors(await auth.handler(request)));
  // The staff audit records a person's own two-factor going on or off (issue #15).
  const db = await getDb();
  const session = await auth.api.getSession({ headers: request.headers }).catch(() => null);
  const before = session ? await twoFactorEnabledOf(db, session.user.id) : null;
  const res = await ownErrors(await auth.handler(request));
  if (session && before !== null && res.ok)
    await recordOwnTwoFactorChange(db, session.user.id, before);
  return withoutSessionToken(res);
}

/**
 * Adding or removing a passkey, through better-auth (which checks the session, the password —
 * lib/auth/passkeys.ts — and the authenticator's answer), then recorded in the staff audit.
 * The name someone gives a passkey is checked here first, as every other name is (one line, no
 * control characters, 64 characters at most): better-auth would store any string.
 */
async function passkeyChange(
  auth: Awaited<ReturnType<typeof getAuth>>,
  request: Request,
  path: string,
  locale: Parameters<typeof parseJsonBody>[2],
): Promise<Response> {
  const db = await getDb();
  const session = await auth.api.getSession({ headers: request.headers }).catch(() => null);
  if (!session) return ownErrors(await auth.handler(request)); // better-auth's own 401
  if (path === ADD_PASSKEY) {
    await parseJsonBody(request.clone() as NextRequest, passkeyRegistrationBody, locale);
    const res = await ownErrors(await auth.handler(request));
    if (res.ok) {
      const added = (await res.clone().json()) as { id: string; name?: string | null };
      await recordOwnPasskeyChange(db, session.user.id, {
        added: { id: added.id, name: added.name ?? null },
      });
    }
    return res;
  }
  const id = (
    (await request
      .clone()
      .json()
      .catch(() => null)) as { id?: unknown } | null
  )?.id;
  const before = typeof id === "string" ? await ownPasskey(db, session.user.id, id) : null;
  const res = await ownErrors(await auth.handler(request));
  if (res.ok && before) await recordOwnPasskeyChange(db, session.user.id, { removed: before });
  return res;
}

/**
 * better-auth's answers in our own error shape where we made the refusal: a replayed TOTP code
 * (lib/auth/totp-replay.ts) is `401 two_factor_code_reused`, in the caller's language. The
 * passkey plugin answers a registration it cannot verify (another origin's answer, a garbled
 * attestation) with a 500; that is the client's doing, so it is `400 passkey_not_accepted`.
 */
async function ownErrors(res: Response): Promise<Response> {
  if (res.status !== 401 && res.status !== 500) return res;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown } | null;
  if (res.status === 401 && body?.code === TOTP_REUSED_CODE)
    throw new ApiError("two_factor_code_reused");
  if (res.status === 500 && body?.code === "FAILED_TO_VERIFY_REGISTRATION")
    throw new ApiError("passkey_not_accepted");
  return res;
}

/**
 * better-auth keys its throttle on the client-address header. Outside the server wrapper
 * (`next dev`, a bare `next start`) that header may be the client's own: drop it, so every such
 * request shares one bucket instead of choosing its own.
 */
function withoutUntrustedClientAddress(req: Request): Request {
  if (clientAddressOf(req.headers) !== null || !req.headers.has(CLIENT_ADDRESS_HEADER)) return req;
  const headers = new Headers(req.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  return new Request(req, { headers });
}
