import { handle } from "@/lib/api/handle";
import { redeliverWebhook } from "@/lib/contracts/webhooks";
import { redeliverWebhookService } from "@/lib/webhooks/endpoints";

export const POST = handle(redeliverWebhook, redeliverWebhookService);
