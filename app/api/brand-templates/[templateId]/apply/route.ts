import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireOwnerScope } from "@/lib/brand-templates/owner-scope";
import { applyBrandTemplateBodySchema } from "@/lib/brand-templates/schemas";
import { applyBrandTemplate, findBrandTemplateOrThrow } from "@/lib/brand-templates/templates";

// POST /api/brand-templates/{id}/apply – copy the template onto studios of its organization.
export const POST = withApi<{ templateId: string }>(async ({ req, params, locale }) => {
  const { db, organizationIds } = await requireOwnerScope(req);
  const template = await findBrandTemplateOrThrow(db, organizationIds, params.templateId);
  const { studioIds } = await parseJsonBody(req, applyBrandTemplateBodySchema, locale);
  const applied = await applyBrandTemplate(db, template, studioIds);
  return NextResponse.json({ applied });
});
