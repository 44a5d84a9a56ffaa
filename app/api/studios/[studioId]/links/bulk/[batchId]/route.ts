import { handle } from "@/lib/api/handle";
import { getBulkService } from "@/lib/bulk/endpoints";
import { getBulk } from "@/lib/contracts/bulk";

export const GET = handle(getBulk, getBulkService);
