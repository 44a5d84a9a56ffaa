import { handle } from "@/lib/api/handle";
import { createWebhook, listWebhooks } from "@/lib/contracts/webhooks";
import { createWebhookService, listWebhooksService } from "@/lib/webhooks/endpoints";

export const GET = handle(listWebhooks, listWebhooksService);
export const POST = handle(createWebhook, createWebhookService);
