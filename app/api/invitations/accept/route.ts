import { NextResponse } from "next/server";
import { hitRateLimit } from "@/lib/access/rate-limit";
import { ApiError } from "@/lib/api/errors";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { assertSameOrigin, clientIp } from "@/lib/api/request-guards";
import { getSession } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { acceptInvitation } from "@/lib/team/accept";
import { acceptBodySchema } from "@/lib/team/schemas";

/** Generous for a person typing a password, tight for a script guessing tokens. */
const ACCEPTS_PER_IP = { limit: 10, windowSeconds: 600 };

// POST /api/invitations/accept – public: the token (in the body, never the URL) is the
// credential. A new person's account is created here; an existing one must be signed in.
export const POST = withApi(async ({ req, locale }) => {
  const config = getConfig();
  assertSameOrigin(req, config.appOrigin);
  const db = await getDb();
  const ip = clientIp(req.headers) ?? "unknown";
  const limit = await hitRateLimit(
    db,
    `invite-accept:ip:${ip}`,
    ACCEPTS_PER_IP.limit,
    ACCEPTS_PER_IP.windowSeconds,
  );
  if (!limit.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
  const body = await parseJsonBody(req, acceptBodySchema, locale);
  const session = await getSession(req.headers);
  const result = await acceptInvitation(
    { db, authConfig: config },
    { ...body, sessionUserId: session?.user.id ?? null },
  );
  const response = NextResponse.json({
    studioId: result.studioId,
    created: result.created,
    signedIn: result.created ? Boolean(result.headers?.get("set-cookie")) : true,
  });
  // The new account's session: the person lands on the dashboard signed in.
  for (const cookie of result.headers?.getSetCookie() ?? [])
    response.headers.append("set-cookie", cookie);
  return response;
});
