import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ServiceContext } from "@/lib/api/handle";
import type { createApiToken, listApiTokens, revokeApiToken } from "@/lib/contracts/api-tokens";
import {
  createApiToken as create,
  listApiTokens as list,
  revokeApiToken as revoke,
} from "./service";

/** The studio's tokens (never the tokens themselves). */
export async function listApiTokensService(ctx: ServiceContext<typeof listApiTokens>) {
  const { caller } = ctx;
  const deps = await ctx.deps();
  return { items: await list(deps.db, caller.studio.id) };
}

/** A new token, in clear in this answer only. */
export async function createApiTokenService(ctx: ServiceContext<typeof createApiToken>) {
  const { caller, body } = ctx;
  const deps = await ctx.deps();
  const { token, summary } = await create(deps.db, {
    studioId: caller.studio.id,
    name: body.name,
    createdBy: caller.userId,
  });
  return { ...summary, token };
}

/** Revoke: the next call with it is a 401. Another studio's token id is a 404, like an unknown one. */
export async function revokeApiTokenService(ctx: ServiceContext<typeof revokeApiToken>) {
  const { caller, params } = ctx;
  const deps = await ctx.deps();
  const revoked = await revoke(deps.db, caller.studio.id, params.tokenId);
  if (!revoked) throw new ApiError("not_found");
  return revoked;
}
