import { handle } from "@/lib/api/handle";
import { listWebhookDeliveries } from "@/lib/contracts/webhooks";
import { listWebhookDeliveriesService } from "@/lib/webhooks/endpoints";

export const GET = handle(listWebhookDeliveries, listWebhookDeliveriesService);
