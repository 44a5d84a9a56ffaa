import { handle } from "@/lib/api/handle";
import { bulkTemplateService } from "@/lib/bulk/endpoints";
import { bulkTemplate } from "@/lib/contracts/bulk";

export const GET = handle(bulkTemplate, bulkTemplateService);
