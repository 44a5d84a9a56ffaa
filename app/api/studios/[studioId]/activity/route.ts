import { handle } from "@/lib/api/handle";
import { studioActivityService } from "@/lib/audit/endpoints";
import { studioActivity } from "@/lib/contracts/audit";

export const GET = handle(studioActivity, studioActivityService);
