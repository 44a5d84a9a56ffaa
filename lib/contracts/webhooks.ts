import { z } from "zod";
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  createWebhookBodySchema,
  updateWebhookBodySchema,
} from "@/lib/schemas/webhooks";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, studioManagers, studioParams } from "./shared";

/**
 * Webhook endpoints are managed by the studio's owners and managers, in a session: an API token
 * may not (a booking system could otherwise point the studio's events, guest names included,
 * wherever it liked).
 */
const endpointParams = z.object({ studioId: z.string(), endpointId: z.string() });

const endpointSummary = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabledReason: z.enum(["failing"]).nullable(),
    failingSince: isoInstant.nullable(),
    previousSecretExpiresAt: isoInstant.nullable().meta({
      description: "After a rotation: until then the previous secret signs too.",
    }),
    createdAt: isoInstant,
  })
  .meta({ id: "WebhookEndpoint" });

const withSecret = endpointSummary.extend({
  secret: z.string().meta({ description: "`whsec_…`: shown in this answer only." }),
});

const ENDPOINT_WRITE_ERRORS = [
  ...STUDIO_ERRORS,
  "validation_failed",
  "webhook_url_refused",
] as const;

export const listWebhooks = defineContract({
  id: "webhooks.list",
  method: "GET",
  path: "/api/studios/{studioId}/webhooks",
  summary: "The studio's webhook endpoints (never their secrets)",
  caller: studioManagers,
  params: studioParams,
  success: { status: 200, schema: z.object({ items: z.array(endpointSummary) }) },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const createWebhook = defineContract({
  id: "webhooks.create",
  method: "POST",
  path: "/api/studios/{studioId}/webhooks",
  summary: "A new webhook endpoint, its signing secret in this answer only",
  description:
    "The URL must be https and must not resolve to a loopback, private or link-local address " +
    "(`webhook_url_refused`), unless the deployment allows private targets.",
  caller: studioManagers,
  params: studioParams,
  body: createWebhookBodySchema,
  success: { status: 201, schema: withSecret },
  errors: ENDPOINT_WRITE_ERRORS,
  internal: true,
});

export const updateWebhook = defineContract({
  id: "webhooks.update",
  method: "PATCH",
  path: "/api/studios/{studioId}/webhooks/{endpointId}",
  summary: "Change an endpoint's URL, description, events, or enable/disable it",
  caller: studioManagers,
  params: endpointParams,
  body: updateWebhookBodySchema,
  success: { status: 200, schema: endpointSummary },
  errors: ENDPOINT_WRITE_ERRORS,
  internal: true,
});

export const deleteWebhook = defineContract({
  id: "webhooks.delete",
  method: "DELETE",
  path: "/api/studios/{studioId}/webhooks/{endpointId}",
  summary: "Delete an endpoint and its delivery log",
  caller: studioManagers,
  params: endpointParams,
  success: { status: 204 },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const rotateWebhookSecret = defineContract({
  id: "webhooks.rotateSecret",
  method: "POST",
  path: "/api/studios/{studioId}/webhooks/{endpointId}/secret",
  summary: "A new signing secret; the previous one keeps signing for 24 hours",
  caller: studioManagers,
  params: endpointParams,
  success: { status: 200, schema: withSecret },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const sendTestWebhook = defineContract({
  id: "webhooks.test",
  method: "POST",
  path: "/api/studios/{studioId}/webhooks/{endpointId}/test",
  summary: "Queue a `webhook.test` event to this endpoint",
  caller: studioManagers,
  params: endpointParams,
  success: { status: 202, schema: z.object({ deliveryId: z.uuid() }) },
  errors: STUDIO_ERRORS,
  internal: true,
});

const delivery = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    webhookId: z.string(),
    type: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastDurationMs: z.number().int().nullable(),
    lastAttemptAt: isoInstant.nullable(),
    nextAttemptAt: isoInstant.nullable(),
    createdAt: isoInstant,
    log: z.array(
      z.object({
        at: isoInstant,
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
      }),
    ),
  })
  .meta({ id: "WebhookDelivery" });

export const listWebhookDeliveries = defineContract({
  id: "webhooks.deliveries",
  method: "GET",
  path: "/api/studios/{studioId}/webhooks/{endpointId}/deliveries",
  summary: "An endpoint's newest deliveries with every attempt",
  caller: studioManagers,
  params: endpointParams,
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  success: { status: 200, schema: z.object({ items: z.array(delivery) }) },
  errors: [...STUDIO_ERRORS, "validation_failed"],
  internal: true,
});

export const redeliverWebhook = defineContract({
  id: "webhooks.redeliver",
  method: "POST",
  path: "/api/studios/{studioId}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver",
  summary: "Send a delivery's event again (same webhook-id), as a new delivery",
  caller: studioManagers,
  params: z.object({ studioId: z.string(), endpointId: z.string(), deliveryId: z.string() }),
  success: { status: 202, schema: z.object({ deliveryId: z.uuid() }) },
  errors: STUDIO_ERRORS,
  internal: true,
});
