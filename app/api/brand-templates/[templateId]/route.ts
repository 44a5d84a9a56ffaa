import { handle } from "@/lib/api/handle";
import {
  deleteBrandTemplate,
  getBrandTemplate,
  updateBrandTemplate,
} from "@/lib/contracts/brand-templates";
import {
  deleteBrandTemplateService,
  getBrandTemplateService,
  updateBrandTemplateService,
} from "@/lib/brand-templates/endpoints";

export const GET = handle(getBrandTemplate, getBrandTemplateService);
export const PATCH = handle(updateBrandTemplate, updateBrandTemplateService);
export const DELETE = handle(deleteBrandTemplate, deleteBrandTemplateService);
