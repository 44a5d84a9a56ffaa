import { handle } from "@/lib/api/handle";
import { exportActivity } from "@/lib/contracts/exports";
import { exportActivityService } from "@/lib/exports/endpoints";

export const GET = handle(exportActivity, exportActivityService);
