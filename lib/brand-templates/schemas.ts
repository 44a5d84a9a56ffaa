import { z } from "zod";
import { hexColorSchema } from "@/lib/brand/hex-color";
import { optionalLine, singleLineText } from "@/lib/schemas/text";

const optionalEmail = z
  .union([z.literal(""), z.email().max(254)])
  .nullable()
  .optional()
  .transform((v) => (v === "" ? null : v));

/** The branding a template carries (the same rules as a studio's own branding). */
const brandValues = {
  primaryColor: hexColorSchema.optional(),
  accentColor: hexColorSchema.optional(),
  senderName: optionalLine(80),
  replyTo: optionalEmail,
  supportEmail: optionalEmail,
  supportPhone: optionalLine(40),
};

/**
 * POST /api/brand-templates: copy a studio's current branding (`fromStudioId`), or give the
 * values by hand (both colours then required). `organizationId` only when the owner has several.
 */
export const createBrandTemplateBodySchema = z
  .strictObject({
    name: singleLineText({ min: 1, max: 80 }),
    organizationId: z.uuid().optional(),
    fromStudioId: z.uuid().optional(),
    ...brandValues,
  })
  .superRefine((b, ctx) => {
    if (b.fromStudioId) return;
    for (const key of ["primaryColor", "accentColor"] as const)
      if (!b[key]) ctx.addIssue({ code: "custom", message: "hexColor", path: [key] });
  });
export type CreateBrandTemplateBody = z.infer<typeof createBrandTemplateBodySchema>;

/** PATCH /api/brand-templates/{id}: any subset. Studios it was applied to keep their copy. */
export const updateBrandTemplateBodySchema = z.strictObject({
  name: singleLineText({ min: 1, max: 80 }).optional(),
  ...brandValues,
});
export type UpdateBrandTemplateBody = z.infer<typeof updateBrandTemplateBodySchema>;

/** POST /api/brand-templates/{id}/apply. */
export const applyBrandTemplateBodySchema = z.strictObject({
  studioIds: z.array(z.uuid()).min(1).max(100),
});
