import { handle } from "@/lib/api/handle";
import { createBulkService } from "@/lib/bulk/endpoints";
import { createBulk } from "@/lib/contracts/bulk";

export const POST = handle(createBulk, createBulkService);
