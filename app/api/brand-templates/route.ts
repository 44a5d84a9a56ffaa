import { handle } from "@/lib/api/handle";
import { createBrandTemplate, listBrandTemplates } from "@/lib/contracts/brand-templates";
import {
  createBrandTemplateService,
  listBrandTemplatesService,
} from "@/lib/brand-templates/endpoints";

export const GET = handle(listBrandTemplates, listBrandTemplatesService);
export const POST = handle(createBrandTemplate, createBrandTemplateService);
