import { withApi } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { getAuth } from "@/lib/auth";
import { throttledSignIn } from "@/lib/auth/throttled-sign-in";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isExposedAuthPath } from "@/lib/auth/exposed-paths";
import { withoutSessionToken } from "@/lib/api/session-token-body";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "@/lib/server/client-address";

// /api/auth/* – better-auth's endpoints that the dashboard uses (sign-in, sign-out, session), and
// no others: accounts are made by `npm run admin:create`, the demo seed and staff invitations,
// never by a public sign-up. Its own handler validates input, checks the Origin of cookie-bearing
// POSTs and throttles sign-in. The session token travels only in its HttpOnly cookie, never in
// a JSON body.
const SIGN_IN_PATH = "/api/auth/sign-in/email";

const handle = withApi(async ({ req }) => {
  if (!isExposedAuthPath(req.method, req.nextUrl.pathname)) throw new ApiError("not_found");
  const auth = await getAuth();
  const request = withoutUntrustedClientAddress(req);
  if (req.method === "POST" && req.nextUrl.pathname.replace(/\/+$/, "") === SIGN_IN_PATH)
    return withoutSessionToken(
      await throttledSignIn(auth, await getDb(), getConfig().authSecret, request),
    );
  return withoutSessionToken(await auth.handler(request));
});

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

export const GET = handle;
export const POST = handle;
