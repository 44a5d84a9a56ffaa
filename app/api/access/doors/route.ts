import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { bearerToken, clientIp } from "@/lib/api/request-guards";
import { getAccessDeps } from "@/lib/access/deps";
import { ACCESS_LIMITS, hitRateLimit } from "@/lib/access/rate-limit";
import { countFailedLookup, hashClientIp } from "@/lib/access/unlock";
import { buildAccessView } from "@/lib/access/view";
import { findLinkByToken } from "@/lib/links/find-by-token";

// GET /api/access/doors – the guest's link, studio branding, geofence and doors (the page's
// periodic refresh). Reading never changes anything.
export const GET = withApi(async ({ req }) => {
  const deps = await getAccessDeps();
  const access = await findLinkByToken(deps.db, bearerToken(req));
  // Unknown tokens count against the caller's address, as on the unlock route: otherwise this
  // read would be a free oracle for guessing tokens (security.md B-4). Valid links never count.
  if (!access) {
    const ip = clientIp(req.headers);
    throw await countFailedLookup(deps.db, hashClientIp(deps.ipSalt, ip));
  }
  const limit = await hitRateLimit(
    deps.db,
    `doors:${access.link.id}`,
    ACCESS_LIMITS.doorsPerToken.limit,
    ACCESS_LIMITS.doorsPerToken.windowSeconds,
  );
  if (!limit.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
  const view = await buildAccessView(deps, access);
  if (!view) throw new ApiError("not_found");
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});
