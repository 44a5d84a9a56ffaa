import { describe, expect, it } from "vitest";
import { updateBrandTemplateBodySchema } from "@/lib/brand-templates/schemas";
import { hexColorSchema } from "@/lib/brand/hex-color";
import { emailPreviewBodySchema } from "@/lib/schemas/studio-settings";
import { updateStudioBodySchema } from "@/lib/schemas/studios";

// Studio settings, the email preview and brand templates take a colour by one rule.
const takers = {
  studio: (c: string) => updateStudioBodySchema.safeParse({ branding: { primaryColor: c } }),
  template: (c: string) => updateBrandTemplateBodySchema.safeParse({ primaryColor: c }),
  preview: (c: string) => emailPreviewBodySchema.safeParse({ primaryColor: c, accentColor: c }),
};

describe("hexColorSchema", () => {
  it.each(["#7c3aed", "#FFFFFF", "#000000"])("takes %s everywhere", (colour) => {
    expect(hexColorSchema.safeParse(colour).success).toBe(true);
    for (const take of Object.values(takers)) expect(take(colour).success).toBe(true);
  });

  it.each(["#fff", "7c3aed", "#7c3aedff", "purple", "#7c3aeg", " #7c3aed"])(
    "refuses %s everywhere with the hexColor issue",
    (colour) => {
      const issue = hexColorSchema.safeParse(colour).error?.issues[0]?.message;
      expect(issue).toBe("hexColor");
      for (const take of Object.values(takers)) {
        const result = take(colour);
        expect(result.success).toBe(false);
        expect(result.error?.issues.some((i) => i.message === "hexColor")).toBe(true);
      }
    },
  );
});
