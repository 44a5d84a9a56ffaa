import { handle } from "@/lib/api/handle";
import { deleteWebhook, updateWebhook } from "@/lib/contracts/webhooks";
import { deleteWebhookService, updateWebhookService } from "@/lib/webhooks/endpoints";

export const PATCH = handle(updateWebhook, updateWebhookService);
export const DELETE = handle(deleteWebhook, deleteWebhookService);
