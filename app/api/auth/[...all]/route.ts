import { withApi } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { getAuth } from "@/lib/auth";
import { isExposedAuthPath } from "@/lib/auth/exposed-paths";
import { withoutSessionToken } from "@/lib/api/session-token-body";

// /api/auth/* – better-auth's endpoints that the dashboard uses (sign-in, sign-out, session), and
// no others: accounts are made by `npm run admin:create`, the demo seed and staff invitations,
// never by a public sign-up. Its own handler validates input, checks the Origin of cookie-bearing
// POSTs and throttles sign-in. The session token travels only in its HttpOnly cookie, never in
// a JSON body.
const handle = withApi(async ({ req }) => {
  if (!isExposedAuthPath(req.method, req.nextUrl.pathname)) throw new ApiError("not_found");
  const auth = await getAuth();
  return withoutSessionToken(await auth.handler(req));
});

export const GET = handle;
export const POST = handle;
