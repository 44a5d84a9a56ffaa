import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireOwnerScope } from "@/lib/brand-templates/owner-scope";
import { createBrandTemplateBodySchema } from "@/lib/brand-templates/schemas";
import {
  brandTemplateView,
  createBrandTemplate,
  listBrandTemplates,
} from "@/lib/brand-templates/templates";

// GET /api/brand-templates – the templates of the organizations the caller owns.
export const GET = withApi(async ({ req }) => {
  const { db, organizationIds } = await requireOwnerScope(req);
  return NextResponse.json({ templates: await listBrandTemplates(db, organizationIds) });
});

// POST /api/brand-templates – from a studio's current branding (fromStudioId) or by hand.
export const POST = withApi(async ({ req, locale }) => {
  const { db, organizationIds } = await requireOwnerScope(req);
  const body = await parseJsonBody(req, createBrandTemplateBodySchema, locale);
  const template = await createBrandTemplate(db, organizationIds, body);
  return NextResponse.json(brandTemplateView(template), { status: 201 });
});
