import { unlockQueueService } from "@/lib/access/endpoints";
import { handle } from "@/lib/api/handle";
import { unlockQueue } from "@/lib/contracts/access";

export const GET = handle(unlockQueue, unlockQueueService);
