import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { assertSameOrigin, bearerToken, clientIp } from "@/lib/api/request-guards";
import { getAccessDeps } from "@/lib/access/deps";
import { parseLockId, unlockBodySchema, unlockDoor } from "@/lib/access/unlock";

// POST /api/access/doors/{lockId}/unlock – a guest's tap. Same-origin only, JSON only, the
// access token in `Authorization: Bearer`; the server decides (window, door, geofence, limits).
export const POST = withApi<{ lockId: string }>(async ({ req, params, locale }) => {
  const config = getConfig();
  assertSameOrigin(req, config.appOrigin);
  const lockId = parseLockId(params.lockId);
  const body = await parseJsonBody(req, unlockBodySchema, locale, 4 * 1024);
  const result = await unlockDoor(await getAccessDeps(), {
    token: bearerToken(req),
    lockId,
    body,
    ip: clientIp(req.headers),
    userAgent: req.headers.get("user-agent"),
    signal: req.signal,
  });
  return NextResponse.json(result);
});
