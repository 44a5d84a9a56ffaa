import { handle } from "@/lib/api/handle";
import { connectKisiKey } from "@/lib/contracts/studios";
import { connectKisiKeyService } from "@/lib/studios/endpoints";

export const PUT = handle(connectKisiKey, connectKisiKeyService);
