import { withApi } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { getAuth } from "@/lib/auth";
import { isExposedAuthPath } from "@/lib/auth/exposed-paths";

// /api/auth/* – better-auth's endpoints that the dashboard uses (sign-in, sign-out, session), and
// no others: accounts are made by `npm run admin:create`, the demo seed and staff invitations,
// never by a public sign-up. Its own handler validates input, checks the Origin of cookie-bearing
// POSTs and throttles sign-in.
const handle = withApi(async ({ req }) => {
  if (!isExposedAuthPath(req.method, req.nextUrl.pathname)) throw new ApiError("not_found");
  const auth = await getAuth();
  return auth.handler(req);
});

export const GET = handle;
export const POST = handle;
