import { handle } from "@/lib/api/handle";
import { previewBulkService } from "@/lib/bulk/endpoints";
import { previewBulk } from "@/lib/contracts/bulk";

export const POST = handle(previewBulk, previewBulkService);
