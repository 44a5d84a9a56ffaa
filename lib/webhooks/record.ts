import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { studios, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/lib/db/schema";
import {
  type WEBHOOK_TEST_EVENT,
  webhookPayloadSchema,
  type WebhookData,
  type WebhookEventType,
} from "@/lib/schemas/webhooks";

/** A database or one of its transactions: events are written on the change's own transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

type LinkLike = {
  id: string;
  studioId: string;
  guestName: string;
  externalRef: string | null;
  locale: string;
  validFrom: Date;
  validUntil: Date;
};

/** The link as every event shows it: never its token, URL or Kisi secret (schema-checked too). */
export function linkRef(link: LinkLike) {
  return {
    id: link.id,
    guestName: link.guestName,
    externalRef: link.externalRef,
    locale: link.locale,
    validFrom: link.validFrom.toISOString(),
    validUntil: link.validUntil.toISOString(),
  };
}

export async function studioRef(tx: Tx, studioId: string) {
  const [row] = await tx
    .select({ id: studios.id, name: studios.name })
    .from(studios)
    .where(eq(studios.id, studioId));
  return row ?? { id: studioId, name: "" };
}

/**
 * Writes one event and a delivery per enabled endpoint of the studio that takes its type, on the
 * caller's transaction (the outbox): the event exists if and only if the change committed. A
 * studio with no such endpoint gets no row at all. The payload is parsed with its type's strict
 * schema first, so a field outside it — an access URL, a token — fails here instead of leaving.
 * `onlyEndpointId` sends to one endpoint only (the test event).
 */
export async function recordWebhookEvent<T extends WebhookEventType | typeof WEBHOOK_TEST_EVENT>(
  tx: Tx,
  input: {
    studioId: string;
    type: T;
    data: WebhookData<T> | ((tx: Tx) => Promise<WebhookData<T>>);
    now?: Date;
    onlyEndpointId?: string;
  },
): Promise<{ eventId: string; deliveries: number } | null> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.studioId, input.studioId),
        input.onlyEndpointId
          ? eq(webhookEndpoints.id, input.onlyEndpointId)
          : and(
              eq(webhookEndpoints.enabled, true),
              sql`${webhookEndpoints.events} @> ${JSON.stringify([input.type])}::jsonb`,
            ),
      ),
    );
  if (endpoints.length === 0) return null;
  const now = input.now ?? new Date();
  const data = typeof input.data === "function" ? await input.data(tx) : input.data;
  const payload = webhookPayloadSchema(input.type).parse({
    type: input.type,
    timestamp: now.toISOString(),
    data,
  });
  const [event] = await tx
    .insert(webhookEvents)
    .values({ studioId: input.studioId, type: input.type, payload, createdAt: now })
    .returning({ id: webhookEvents.id });
  await tx.insert(webhookDeliveries).values(
    endpoints.map((e) => ({
      eventId: event!.id,
      endpointId: e.id,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  return { eventId: event!.id, deliveries: endpoints.length };
}

/** link.issued / link.changed / link.revoked for a link row just written on `tx`. */
export function recordLinkEvent(
  tx: Tx,
  type: "link.issued" | "link.changed" | "link.revoked",
  link: LinkLike,
) {
  return recordWebhookEvent(tx, {
    studioId: link.studioId,
    type,
    data: async (t) => ({ studio: await studioRef(t, link.studioId), link: linkRef(link) }),
  });
}
