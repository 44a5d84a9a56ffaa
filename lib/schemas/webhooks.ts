import { z } from "zod";
import { singleLineText } from "./text";

/**
 * Webhook events and endpoints (issue #14). Each event type has its zod schema: the writer
 * parses every payload with it before it is stored (so nothing outside the schema — an access
 * URL, a token, a Kisi secret — can ride along), and the OpenAPI document publishes the same
 * schemas under `webhooks`.
 */
export const WEBHOOK_EVENT_TYPES = [
  "link.issued",
  "link.changed",
  "link.revoked",
  "email.sent",
  "email.failed",
  "unlock.allowed",
  "unlock.denied",
  "visit.started",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent only by "send test event", to the one endpoint asked; never subscribed to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivering", "delivered", "failed"] as const;

const instant = z.iso.datetime({ offset: true });

const studioRef = z.strictObject({ id: z.uuid(), name: z.string() });

/** A link as events describe it: never its token, URL or Kisi secret. */
const linkRef = z.strictObject({
  id: z.uuid(),
  guestName: z.string(),
  externalRef: z.string().nullable(),
  locale: z.string(),
  validFrom: instant,
  validUntil: instant,
});

const door = z.strictObject({ id: z.number().int(), name: z.string().nullable() });

const linkData = z.strictObject({ studio: studioRef, link: linkRef });
const emailData = z.strictObject({
  studio: studioRef,
  link: linkRef,
  email: z.strictObject({
    id: z.uuid(),
    /** `captured`: demo mode keeps emails instead of sending them. */
    status: z.enum(["sent", "captured", "dead"]),
    attempts: z.number().int(),
    error: z.string().nullable(),
  }),
});
const unlockData = z.strictObject({
  studio: studioRef,
  link: linkRef,
  door,
  attemptId: z.uuid(),
  at: instant,
  /** `unlocked`, or the refusal's code (the visitor API's error codes: `too_far`, `expired`, …). */
  outcome: z.string(),
  distanceM: z.number().nullable(),
  accuracyM: z.number().nullable(),
});
const testData = z.strictObject({ studio: studioRef, message: z.string() });

export const WEBHOOK_DATA_SCHEMAS = {
  "link.issued": linkData,
  "link.changed": linkData,
  "link.revoked": linkData,
  "email.sent": emailData,
  "email.failed": emailData,
  "unlock.allowed": unlockData,
  "unlock.denied": unlockData,
  "visit.started": unlockData,
  [WEBHOOK_TEST_EVENT]: testData,
} as const;

/** The body every webhook POST carries (the Standard Webhooks payload structure). */
export function webhookPayloadSchema<T extends keyof typeof WEBHOOK_DATA_SCHEMAS>(type: T) {
  return z.strictObject({
    type: z.literal(type),
    timestamp: instant,
    data: WEBHOOK_DATA_SCHEMAS[type],
  });
}
export type WebhookData<T extends keyof typeof WEBHOOK_DATA_SCHEMAS> = z.input<
  (typeof WEBHOOK_DATA_SCHEMAS)[T]
>;

/**
 * An endpoint URL as typed: http(s), no credentials, bounded. Whether its host may be reached
 * is decided after DNS resolution (lib/webhooks/ssrf.ts), at save and again at delivery.
 */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "webhookUrlFormat" })
  .max(2_000)
  .refine((v) => {
    const u = new URL(v);
    return u.username === "" && u.password === "";
  }, "webhookUrlFormat");

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)]);

export const createWebhookBodySchema = z.strictObject({
  url: webhookUrlSchema,
  description: singleLineText({ max: 200 }).optional(),
  events: eventsSchema,
  enabled: z.boolean().optional(),
});

export const updateWebhookBodySchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    description: singleLineText({ max: 200 }).optional(),
    events: eventsSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothingToChange" });
