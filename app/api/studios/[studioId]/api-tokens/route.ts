import { NextResponse } from "next/server";
import { createApiTokenBodySchema } from "@/lib/api-tokens/schemas";
import { createApiToken, listApiTokens } from "@/lib/api-tokens/service";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

// Token management is session-only (requireStudioRole refuses any Bearer token): a token can
// never mint or revoke tokens.

// GET /api/studios/{studioId}/api-tokens – the studio's tokens (never the tokens themselves).
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  return NextResponse.json({ items: await listApiTokens(await getDb(), studio.id) });
});

// POST /api/studios/{studioId}/api-tokens { name } – a new token, in clear in this response only.
export const POST = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const body = await parseJsonBody(req, createApiTokenBodySchema, locale);
  const { token, summary } = await createApiToken(await getDb(), {
    studioId: actor.studio.id,
    name: body.name,
    createdBy: actor.userId,
  });
  return NextResponse.json(
    { ...summary, token },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
