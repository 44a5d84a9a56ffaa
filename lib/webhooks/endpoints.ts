import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { ServiceContext } from "@/lib/api/handle";
import { getConfig } from "@/lib/config";
import type {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  rotateWebhookSecret as rotateWebhookSecretContract,
  sendTestWebhook,
  updateWebhook,
} from "@/lib/contracts/webhooks";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from "@/lib/db/schema";
import { openFor, sealFor, secretContext } from "@/lib/links/secrets";
import { isUuid } from "@/lib/schemas/ids";
import { changedFields, recordStaffChange, type Tx } from "@/lib/staff-audit/record";
import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_EVENT,
  type WebhookEventType,
} from "@/lib/schemas/webhooks";
import { recordWebhookEvent, studioRef } from "./record";
import { generateWebhookSecret, webhookMessageId } from "./signing";
import { resolveWebhookTarget, WebhookUrlRefused, type Resolver } from "./ssrf";

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export function endpointSummary(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.filter((e): e is WebhookEventType =>
      (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    ),
    enabled: row.enabled,
    disabledReason: row.disabledReason === "failing" ? ("failing" as const) : null,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const REFUSAL_ISSUES: Record<WebhookUrlRefused["reason"], string> = {
  scheme: "webhookUrlHttps",
  credentials: "webhookUrlFormat",
  unresolvable: "webhookUrlUnresolvable",
  private_address: "webhookUrlPrivate",
};

/** The SSRF guard at save (delivery checks again, after resolving anew). */
export async function assertWebhookUrlAllowed(
  url: string,
  options: { allowPrivate: boolean; resolve?: Resolver },
) {
  try {
    await resolveWebhookTarget(url, options);
  } catch (error) {
    if (error instanceof WebhookUrlRefused)
      throw new ApiError("webhook_url_refused", {
        // Beside the field, the reason in the admin's words (the code says "refused" for all).
        issues: [{ path: "url", message: REFUSAL_ISSUES[error.reason] }],
        cause: error,
      });
    throw error;
  }
}

const guard = () => ({ allowPrivate: getConfig().webhooksAllowPrivate });

async function findEndpointOrThrow(db: Db, studioId: string, endpointId: string) {
  if (!isUuid(endpointId)) throw new ApiError("not_found");
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.studioId, studioId)));
  if (!row) throw new ApiError("not_found");
  return row;
}

export async function listWebhooksService(ctx: ServiceContext<typeof listWebhooks>) {
  const { db } = await ctx.deps();
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.studioId, ctx.caller.studio.id))
    .orderBy(webhookEndpoints.createdAt);
  return { items: rows.map(endpointSummary) };
}

/** Stores an endpoint with a fresh secret, sealed to its row; the secret is returned once. */
export async function createWebhookEndpoint(
  db: Db | Tx,
  keyring: Keyring,
  input: {
    studioId: string;
    url: string;
    description?: string;
    events: string[];
    enabled?: boolean;
    createdBy?: string | null;
  },
) {
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id,
      studioId: input.studioId,
      url: input.url,
      description: input.description ?? "",
      events: input.events,
      enabled: input.enabled ?? true,
      secretCiphertext: sealFor(secretContext.webhookSecret(id), secret, keyring),
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return { row: row!, secret };
}

/**
 * What the staff audit keeps of an endpoint: where it sends, what, and whether — never its
 * secret (a rotation is recorded as the fact of it).
 */
const AUDITED_FIELDS = ["url", "description", "events", "enabled"] as const;
const auditedNone = Object.fromEntries(AUDITED_FIELDS.map((f) => [f, null]));

function recordEndpointChange(
  tx: Tx,
  action: "created" | "updated" | "secret_rotated" | "deleted",
  before: EndpointRow | null,
  after: EndpointRow | null,
) {
  const endpoint = (after ?? before)!;
  return recordStaffChange(tx, {
    studioId: endpoint.studioId,
    kind: "webhook",
    action,
    subject: endpoint.url,
    changes: changedFields(before ?? auditedNone, after ?? auditedNone, AUDITED_FIELDS),
  });
}

export async function createWebhookService(ctx: ServiceContext<typeof createWebhook>) {
  const { db, keyring } = await ctx.deps();
  await assertWebhookUrlAllowed(ctx.body.url, guard());
  const { row, secret } = await db.transaction(async (tx) => {
    const created = await createWebhookEndpoint(tx, keyring, {
      ...ctx.body,
      studioId: ctx.caller.studio.id,
      createdBy: ctx.caller.userId,
    });
    await recordEndpointChange(tx, "created", null, created.row);
    return created;
  });
  return { ...endpointSummary(row), secret };
}

export async function updateWebhookService(ctx: ServiceContext<typeof updateWebhook>) {
  const { db } = await ctx.deps();
  const endpoint = await findEndpointOrThrow(db, ctx.caller.studio.id, ctx.params.endpointId);
  if (ctx.body.url !== undefined) await assertWebhookUrlAllowed(ctx.body.url, guard());
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        ...(ctx.body.url !== undefined ? { url: ctx.body.url } : {}),
        ...(ctx.body.description !== undefined ? { description: ctx.body.description } : {}),
        ...(ctx.body.events !== undefined ? { events: ctx.body.events } : {}),
        // Enabling again by hand starts afresh: the failing mark and Latchkey's reason go.
        ...(ctx.body.enabled !== undefined
          ? {
              enabled: ctx.body.enabled,
              disabledReason: null,
              ...(ctx.body.enabled ? { failingSince: null } : {}),
            }
          : {}),
        updatedAt: ctx.now,
      })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning();
    if (Object.keys(changedFields(endpoint, updated!, AUDITED_FIELDS)).length > 0)
      await recordEndpointChange(tx, "updated", endpoint, updated!);
    return updated!;
  });
  return endpointSummary(row);
}

export async function deleteWebhookService(ctx: ServiceContext<typeof deleteWebhook>) {
  const { db } = await ctx.deps();
  const endpoint = await findEndpointOrThrow(db, ctx.caller.studio.id, ctx.params.endpointId);
  await db.transaction(async (tx) => {
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    await recordEndpointChange(tx, "deleted", endpoint, null);
  });
}

/**
 * A new secret, shown once. The old one keeps signing beside it for 24 hours (both signatures
 * in `webhook-signature`), so receivers can switch without a failed delivery; a second rotation
 * inside the overlap drops the oldest.
 */
export async function rotateWebhookSecret(
  db: Db | Tx,
  keyring: Keyring,
  endpoint: EndpointRow,
  now: Date,
) {
  const current = openFor(
    secretContext.webhookSecret(endpoint.id),
    endpoint.secretCiphertext,
    keyring,
  );
  const secret = generateWebhookSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      secretCiphertext: sealFor(secretContext.webhookSecret(endpoint.id), secret, keyring),
      previousSecretCiphertext: sealFor(
        secretContext.webhookPreviousSecret(endpoint.id),
        current,
        keyring,
      ),
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      updatedAt: now,
    })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning();
  return { row: row!, secret };
}

export async function rotateWebhookSecretService(
  ctx: ServiceContext<typeof rotateWebhookSecretContract>,
) {
  const { db, keyring } = await ctx.deps();
  const endpoint = await findEndpointOrThrow(db, ctx.caller.studio.id, ctx.params.endpointId);
  const { row, secret } = await db.transaction(async (tx) => {
    const rotated = await rotateWebhookSecret(tx, keyring, endpoint, ctx.now);
    await recordEndpointChange(tx, "secret_rotated", endpoint, rotated.row);
    return rotated;
  });
  return { ...endpointSummary(row), secret };
}

export async function sendTestWebhookService(ctx: ServiceContext<typeof sendTestWebhook>) {
  const { db } = await ctx.deps();
  const endpoint = await findEndpointOrThrow(db, ctx.caller.studio.id, ctx.params.endpointId);
  const deliveryId = await db.transaction(async (tx) => {
    const written = await recordWebhookEvent(tx, {
      studioId: endpoint.studioId,
      type: WEBHOOK_TEST_EVENT,
      onlyEndpointId: endpoint.id,
      data: async (t) => ({
        studio: await studioRef(t, endpoint.studioId),
        message: "A test event from Latchkey.",
      }),
    });
    const [delivery] = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, written!.eventId));
    return delivery!.id;
  });
  return { deliveryId };
}

export async function listWebhookDeliveriesService(
  ctx: ServiceContext<typeof listWebhookDeliveries>,
) {
  const { db } = await ctx.deps();
  const endpoint = await findEndpointOrThrow(db, ctx.caller.studio.id, ctx.params.endpointId);
  const rows = await db
    .select({ delivery: webhookDeliveries, type: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpoint.id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(ctx.query.limit);
  const ids = rows.map((r) => r.delivery.id);
  const attempts = ids.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, ids))
        .orderBy(webhookAttempts.at)
    : [];
  return {
    items: rows.map(({ delivery: d, type }) => ({
      id: d.id,
      eventId: d.eventId,
      webhookId: webhookMessageId(d.eventId),
      type,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      lastDurationMs: d.lastDurationMs,
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
      createdAt: d.createdAt.toISOString(),
      log: attempts
        .filter((a) => a.deliveryId === d.id)
        .map((a) => ({
          at: a.at.toISOString(),
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
    })),
  };
}

/** The same event (same webhook-id) as a new delivery, due now. */
export async function redeliverWebhookService(ctx: ServiceContext<typeof redeliverWebhook>) {
  const { db } = await ctx.deps();
  const endpoint = await findEndpointOrThrow(db, ctx.caller.studio.id, ctx.params.endpointId);
  if (!isUuid(ctx.params.deliveryId)) throw new ApiError("not_found");
  const [original] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.id, ctx.params.deliveryId),
        eq(webhookDeliveries.endpointId, endpoint.id),
      ),
    );
  if (!original) throw new ApiError("not_found");
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ eventId: original.eventId, endpointId: endpoint.id, nextAttemptAt: ctx.now })
    .returning({ id: webhookDeliveries.id });
  return { deliveryId: row!.id };
}
