import { NextResponse } from "next/server";
import { revokeApiToken } from "@/lib/api-tokens/service";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

// DELETE /api/studios/{studioId}/api-tokens/{tokenId} – revoke: the next call with it is a 401.
// Another studio's token id is a 404, like one that does not exist.
export const DELETE = withApi<{ studioId: string; tokenId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const revoked = await revokeApiToken(await getDb(), studio.id, params.tokenId);
  if (!revoked) throw new ApiError("not_found");
  return NextResponse.json(revoked);
});
