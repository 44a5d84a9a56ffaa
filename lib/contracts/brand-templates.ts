import { z } from "zod";
import {
  applyBrandTemplateBodySchema,
  createBrandTemplateBodySchema,
  updateBrandTemplateBodySchema,
} from "@/lib/brand-templates/schemas";
import { linkRulesSchema } from "@/lib/access-rules/schema";
import { defineContract } from "./define";
import { isoInstant } from "./shared";

/**
 * Franchise branding, saved once and copied onto studios: only owners, and only their own
 * organizations' templates (another organization's is a 404).
 */
const owners = { kind: "owner" } as const;
const OWNER_ERRORS = ["unauthorized", "forbidden", "not_found", "rate_limited"] as const;
const templateParams = z.object({ templateId: z.string() });

const brandTemplate = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    primaryColor: z.string(),
    accentColor: z.string(),
    senderName: z.string().nullable(),
    replyTo: z.string().nullable(),
    supportEmail: z.string().nullable(),
    supportPhone: z.string().nullable(),
    hasLogo: z.boolean().meta({ description: "The logo is a flag here, never its bytes." }),
    passTypes: z
      .array(
        z.object({
          name: z.string(),
          rules: linkRulesSchema,
          windowMinutes: z.number().int(),
          locale: z.string().nullable(),
        }),
      )
      .meta({ description: "Copied onto each studio the template is applied to (by name)." }),
    updatedAt: isoInstant,
  })
  .meta({ id: "BrandTemplate" });

export const listBrandTemplates = defineContract({
  id: "brandTemplates.list",
  method: "GET",
  path: "/api/brand-templates",
  summary: "The templates of the organizations the caller owns",
  caller: owners,
  success: { status: 200, schema: z.object({ templates: z.array(brandTemplate) }) },
  errors: OWNER_ERRORS,
  internal: true,
});

export const createBrandTemplate = defineContract({
  id: "brandTemplates.create",
  method: "POST",
  path: "/api/brand-templates",
  summary: "A template from a studio's current branding (fromStudioId) or by hand",
  caller: owners,
  body: createBrandTemplateBodySchema,
  success: { status: 201, schema: brandTemplate },
  errors: [...OWNER_ERRORS, "validation_failed", "conflict"],
  internal: true,
});

export const getBrandTemplate = defineContract({
  id: "brandTemplates.get",
  method: "GET",
  path: "/api/brand-templates/{templateId}",
  summary: "One template",
  caller: owners,
  params: templateParams,
  success: { status: 200, schema: brandTemplate },
  errors: OWNER_ERRORS,
  internal: true,
});

export const updateBrandTemplate = defineContract({
  id: "brandTemplates.update",
  method: "PATCH",
  path: "/api/brand-templates/{templateId}",
  summary: "Edit a template; studios it was applied to keep their copy",
  caller: owners,
  params: templateParams,
  body: updateBrandTemplateBodySchema,
  success: { status: 200, schema: brandTemplate },
  errors: [...OWNER_ERRORS, "validation_failed", "conflict"],
  internal: true,
});

export const deleteBrandTemplate = defineContract({
  id: "brandTemplates.delete",
  method: "DELETE",
  path: "/api/brand-templates/{templateId}",
  summary: "Delete a template",
  caller: owners,
  params: templateParams,
  success: { status: 204 },
  errors: OWNER_ERRORS,
  internal: true,
});

export const applyBrandTemplate = defineContract({
  id: "brandTemplates.apply",
  method: "POST",
  path: "/api/brand-templates/{templateId}/apply",
  summary: "Copy the template onto studios of its organization",
  caller: owners,
  params: templateParams,
  body: applyBrandTemplateBodySchema,
  success: { status: 200, schema: z.object({ applied: z.number().int() }) },
  errors: [...OWNER_ERRORS, "validation_failed"],
  internal: true,
});
