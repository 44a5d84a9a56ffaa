import { handle } from "@/lib/api/handle";
import { rotateWebhookSecret } from "@/lib/contracts/webhooks";
import { rotateWebhookSecretService } from "@/lib/webhooks/endpoints";

export const POST = handle(rotateWebhookSecret, rotateWebhookSecretService);
