import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import type {
  applyBrandTemplate,
  createBrandTemplate,
  deleteBrandTemplate,
  getBrandTemplate,
  listBrandTemplates,
  updateBrandTemplate,
} from "@/lib/contracts/brand-templates";
import {
  applyBrandTemplate as apply,
  brandTemplateView,
  createBrandTemplate as create,
  deleteBrandTemplate as remove,
  findBrandTemplateOrThrow,
  listBrandTemplates as list,
  updateBrandTemplate as update,
} from "./templates";

/** The caller's organizations' template named in the path (another organization's: 404). */
async function findTemplate(
  ctx: Pick<ServiceContext<typeof getBrandTemplate>, "deps" | "caller" | "params">,
) {
  const { db } = await ctx.deps();
  return {
    db,
    template: await findBrandTemplateOrThrow(db, ctx.caller.organizationIds, ctx.params.templateId),
  };
}

export async function listBrandTemplatesService(ctx: ServiceContext<typeof listBrandTemplates>) {
  const { db } = await ctx.deps();
  return { templates: await list(db, ctx.caller.organizationIds) };
}

/** From a studio's current branding (fromStudioId) or by hand. */
export async function createBrandTemplateService(ctx: ServiceContext<typeof createBrandTemplate>) {
  const { db } = await ctx.deps();
  return brandTemplateView(await create(db, ctx.caller.organizationIds, ctx.body));
}

export async function getBrandTemplateService(ctx: ServiceContext<typeof getBrandTemplate>) {
  return brandTemplateView((await findTemplate(ctx)).template);
}

/** Edit; studios it was applied to keep their copy. */
export async function updateBrandTemplateService(ctx: ServiceContext<typeof updateBrandTemplate>) {
  const { db, template } = await findTemplate(ctx);
  return brandTemplateView(await update(db, template, ctx.body));
}

export async function deleteBrandTemplateService(ctx: ServiceContext<typeof deleteBrandTemplate>) {
  const { db, template } = await findTemplate(ctx);
  await remove(db, template);
}

/** Copy the template onto studios of its organization. */
export async function applyBrandTemplateService(ctx: ServiceContext<typeof applyBrandTemplate>) {
  const { db, template } = await findTemplate(ctx);
  return { applied: await apply(db, template, ctx.body.studioIds) };
}
