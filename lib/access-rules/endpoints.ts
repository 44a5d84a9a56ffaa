import "server-only";
import { ApiError } from "@/lib/api/errors";
import { reply, type ServiceContext } from "@/lib/api/handle";
import type {
  createPassType,
  deletePassType,
  getStudioRules,
  listPassTypes,
  updatePassType,
  updateStudioRules,
} from "@/lib/contracts/access-rules";
import { isUuid } from "@/lib/schemas/ids";
import {
  createPassType as create,
  deletePassType as remove,
  listPassTypes as list,
  studioRulesView,
  updatePassType as rewrite,
  updateStudioRules as update,
} from "./pass-types";

export async function getStudioRulesService(ctx: ServiceContext<typeof getStudioRules>) {
  return studioRulesView(ctx.caller.studio);
}

export async function updateStudioRulesService(ctx: ServiceContext<typeof updateStudioRules>) {
  const { db } = await ctx.deps();
  return update(db, ctx.caller.studio.id, ctx.body);
}

export async function listPassTypesService(ctx: ServiceContext<typeof listPassTypes>) {
  const { db } = await ctx.deps();
  return { passTypes: await list(db, ctx.caller.studio.id) };
}

export async function createPassTypeService(ctx: ServiceContext<typeof createPassType>) {
  const { db } = await ctx.deps();
  return reply(201, await create(db, ctx.caller.studio.id, ctx.body));
}

export async function deletePassTypeService(ctx: ServiceContext<typeof deletePassType>) {
  if (!isUuid(ctx.params.passTypeId)) throw new ApiError("not_found");
  const { db } = await ctx.deps();
  await remove(db, ctx.caller.studio.id, ctx.params.passTypeId);
}

export async function updatePassTypeService(ctx: ServiceContext<typeof updatePassType>) {
  if (!isUuid(ctx.params.passTypeId)) throw new ApiError("not_found");
  const { db } = await ctx.deps();
  return rewrite(db, ctx.caller.studio.id, ctx.params.passTypeId, ctx.body);
}
