import { z } from "zod";
import { passTypeInputSchema } from "@/lib/access-rules/schema";
import { hexColorSchema } from "@/lib/brand/hex-color";
import { optionalLine, singleLineText } from "@/lib/schemas/text";

const optionalEmail = z
  .union([z.literal(""), z.email().max(254)])
  .nullable()
  .optional()
  .transform((v) => (v === "" ? null : v));

/**
 * A template's pass types (a franchise's "Trial class", "Day pass"…), each checked as a studio's
 * own; names unique within the template, as they are within a studio.
 */
const templatePassTypes = z
  .array(passTypeInputSchema)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      const key = p.name.trim().toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: "custom", message: "duplicateName", path: [i, "name"] });
      seen.add(key);
    });
  })
  .optional();

/** The branding a template carries (the same rules as a studio's own branding). */
const brandValues = {
  passTypes: templatePassTypes,
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
