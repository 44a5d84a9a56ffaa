import { handle } from "@/lib/api/handle";
import { retryBulkService } from "@/lib/bulk/endpoints";
import { retryBulk } from "@/lib/contracts/bulk";

export const POST = handle(retryBulk, retryBulkService);
