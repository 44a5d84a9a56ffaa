import { handle } from "@/lib/api/handle";
import { applyBrandTemplate } from "@/lib/contracts/brand-templates";
import { applyBrandTemplateService } from "@/lib/brand-templates/endpoints";

export const POST = handle(applyBrandTemplate, applyBrandTemplateService);
