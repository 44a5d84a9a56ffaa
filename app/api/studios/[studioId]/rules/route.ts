import { handle } from "@/lib/api/handle";
import { getStudioRules, updateStudioRules } from "@/lib/contracts/access-rules";
import { getStudioRulesService, updateStudioRulesService } from "@/lib/access-rules/endpoints";

export const GET = handle(getStudioRules, getStudioRulesService);
export const PUT = handle(updateStudioRules, updateStudioRulesService);
