import { handle } from "@/lib/api/handle";
import { listOutbox } from "@/lib/contracts/outbox";
import { listOutboxService } from "@/lib/outbox/endpoints";

export const GET = handle(listOutbox, listOutboxService);
