import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a secret is `whsec_` and 32
 * random bytes in base64; each request carries `webhook-id`, `webhook-timestamp` (seconds) and
 * `webhook-signature`, the HMAC-SHA256 of `id.timestamp.body` as `v1,<base64>`. During a
 * rotation's overlap both the new and the previous secret sign, space-separated, as the
 * specification allows: a receiver still on the old secret verifies the second one.
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function webhookHeaders(
  secrets: readonly string[],
  message: { id: string; timestamp: Date; body: string },
): Record<string, string> {
  const signature = secrets
    .map((secret) => new Webhook(secret).sign(message.id, message.timestamp, message.body))
    .join(" ");
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(message.timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

/** The `webhook-id` of an event: stable across retries and redeliveries (receivers dedupe on it). */
export function webhookMessageId(eventId: string): string {
  return `msg_${eventId}`;
}
