import { handle } from "@/lib/api/handle";
import { sendTestWebhook } from "@/lib/contracts/webhooks";
import { sendTestWebhookService } from "@/lib/webhooks/endpoints";

export const POST = handle(sendTestWebhook, sendTestWebhookService);
