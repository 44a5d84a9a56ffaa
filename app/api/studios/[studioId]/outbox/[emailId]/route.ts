import { handle } from "@/lib/api/handle";
import { readOutboxEmail } from "@/lib/contracts/outbox";
import { readOutboxEmailService } from "@/lib/outbox/endpoints";

export const GET = handle(readOutboxEmail, readOutboxEmailService);
