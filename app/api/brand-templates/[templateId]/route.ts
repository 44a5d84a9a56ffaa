import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireOwnerScope } from "@/lib/brand-templates/owner-scope";
import { updateBrandTemplateBodySchema } from "@/lib/brand-templates/schemas";
import {
  brandTemplateView,
  deleteBrandTemplate,
  findBrandTemplateOrThrow,
  updateBrandTemplate,
} from "@/lib/brand-templates/templates";

type Params = { templateId: string };

// GET /api/brand-templates/{id}
export const GET = withApi<Params>(async ({ req, params }) => {
  const { db, organizationIds } = await requireOwnerScope(req);
  const template = await findBrandTemplateOrThrow(db, organizationIds, params.templateId);
  return NextResponse.json(brandTemplateView(template));
});

// PATCH /api/brand-templates/{id} – edit; studios it was applied to keep their copy.
export const PATCH = withApi<Params>(async ({ req, params, locale }) => {
  const { db, organizationIds } = await requireOwnerScope(req);
  const template = await findBrandTemplateOrThrow(db, organizationIds, params.templateId);
  const body = await parseJsonBody(req, updateBrandTemplateBodySchema, locale);
  return NextResponse.json(brandTemplateView(await updateBrandTemplate(db, template, body)));
});

// DELETE /api/brand-templates/{id}
export const DELETE = withApi<Params>(async ({ req, params }) => {
  const { db, organizationIds } = await requireOwnerScope(req);
  const template = await findBrandTemplateOrThrow(db, organizationIds, params.templateId);
  await deleteBrandTemplate(db, template);
  return new NextResponse(null, { status: 204 });
});
