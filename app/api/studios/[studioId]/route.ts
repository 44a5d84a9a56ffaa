import { handle } from "@/lib/api/handle";
import { getStudio, updateStudio } from "@/lib/contracts/studios";
import { getStudioService, updateStudioService } from "@/lib/studios/endpoints";

export const GET = handle(getStudio, getStudioService);
export const PATCH = handle(updateStudio, updateStudioService);
