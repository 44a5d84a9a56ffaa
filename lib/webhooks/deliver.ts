import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from "@/lib/db/schema";
import { every } from "@/lib/jobs/every";
import { openFor, secretContext } from "@/lib/links/secrets";
import { log } from "@/lib/log/logger";
import { redactString } from "@/lib/log/redact";
import { DEFAULT_POST_LIMITS, postPinned, type PostLimits } from "./http";
import { notifyEndpointDisabled } from "./notify";
import { webhookHeaders, webhookMessageId } from "./signing";
import { resolveWebhookTarget, WebhookUrlRefused, type Resolver } from "./ssrf";

export type DeliveryDeps = {
  db: Db;
  keyring: Keyring;
  allowPrivate: boolean;
  resolve?: Resolver;
  limits?: PostLimits;
  now?: () => Date;
  random?: () => number;
  /** The first retry's wait (LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS); 30 s unless configured. */
  retryBaseMs?: number;
};

/** Retries stop this long after the event (about three days, as Standard Webhooks senders do). */
export const GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;
/** An endpoint that has failed every attempt for this long is disabled, and its managers told. */
export const DISABLE_AFTER_MS = 5 * 24 * 3_600_000;
const LEASE_MS = 2 * 60_000;
const DEFAULT_RETRY_BASE_MS = 30_000;

/**
 * The wait after the n-th failed attempt: 30 s doubling to at most 8 h, times a jitter of
 * 0.8–1.2 so the retries of many deliveries that failed together (a receiver's outage) spread
 * out instead of arriving as one burst when it comes back. About 19 attempts in three days.
 */
export function webhookBackoffMs(
  attempts: number,
  // eslint-disable-next-line no-restricted-properties -- jitter only, nothing secret
  random: () => number = Math.random,
  firstMs = DEFAULT_RETRY_BASE_MS,
): number {
  const base = Math.min(firstMs * 2 ** Math.max(0, attempts - 1), 8 * 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

type Claimed = {
  id: string;
  eventId: string;
  endpointId: string;
  attempts: number;
  createdAt: Date;
};

/**
 * Claims due deliveries with FOR UPDATE SKIP LOCKED under a lease: any number of instances share
 * the work and never send the same delivery twice at once; a delivery a crashed instance held is
 * taken again once its lease ends (the receiver may then see its webhook-id twice, which the
 * specification expects receivers to handle).
 */
export async function claimDueDeliveries(
  db: Db,
  options: { limit: number; now: Date; leaseMs?: number },
): Promise<Claimed[]> {
  const leaseUntil = new Date(options.now.getTime() + (options.leaseMs ?? LEASE_MS));
  const rows = await queryRows<{
    id: string;
    seq: number | string;
    event_id: string;
    endpoint_id: string;
    attempts: number;
    created_at: string | Date;
  }>(
    db,
    sql`update webhook_deliveries set status = 'delivering', locked_until = ${leaseUntil}, attempts = attempts + 1
        where id in (
          select id from webhook_deliveries
          where (status = 'pending' and next_attempt_at <= ${options.now})
             or (status = 'delivering' and locked_until < ${options.now})
          order by next_attempt_at, seq
          limit ${options.limit}
          for update skip locked
        )
        returning id, seq, event_id, endpoint_id, attempts, created_at`,
  );
  return (
    rows
      .map((r) => ({
        id: r.id,
        seq: Number(r.seq),
        eventId: r.event_id,
        endpointId: r.endpoint_id,
        attempts: Number(r.attempts),
        createdAt: new Date(r.created_at),
      }))
      // Sent in the order the events were written (UPDATE … RETURNING keeps no order).
      .sort((a, b) => a.seq - b.seq)
  );
}

/** One pass: claims up to `limit` due deliveries and attempts each once. */
export async function processWebhooksOnce(
  deps: DeliveryDeps,
  limit = 20,
): Promise<{ claimed: number; delivered: number; failed: number }> {
  const now = () => deps.now?.() ?? new Date();
  const claimed = await claimDueDeliveries(deps.db, { limit, now: now() });
  let delivered = 0;
  let failed = 0;
  for (const delivery of claimed) {
    if (await attempt(deps, delivery, now)) delivered++;
    else failed++;
  }
  return { claimed: claimed.length, delivered, failed };
}

async function attempt(deps: DeliveryDeps, delivery: Claimed, now: () => Date): Promise<boolean> {
  const [row] = await deps.db
    .select({ endpoint: webhookEndpoints, event: webhookEvents })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, delivery.id));
  if (!row) return false;
  const { endpoint, event } = row;
  const started = now();
  if (!endpoint.enabled) {
    await finishDelivery(deps.db, delivery, {
      ok: false,
      final: true,
      statusCode: null,
      error: "endpoint_disabled",
      durationMs: 0,
      at: started,
    });
    return false;
  }
  const body = JSON.stringify(event.payload);
  let outcome: { statusCode: number | null; error: string | null; durationMs: number };
  try {
    const target = await resolveWebhookTarget(endpoint.url, {
      allowPrivate: deps.allowPrivate,
      resolve: deps.resolve,
    });
    const secrets = [
      openFor(secretContext.webhookSecret(endpoint.id), endpoint.secretCiphertext, deps.keyring),
    ];
    if (
      endpoint.previousSecretCiphertext &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > started
    )
      secrets.push(
        openFor(
          secretContext.webhookPreviousSecret(endpoint.id),
          endpoint.previousSecretCiphertext,
          deps.keyring,
        ),
      );
    // The signature's time is the attempt's: receivers refuse old timestamps (replays).
    const headers = webhookHeaders(secrets, {
      id: webhookMessageId(event.id),
      timestamp: new Date(),
      body,
    });
    const result = await postPinned(target, body, headers, deps.limits ?? DEFAULT_POST_LIMITS);
    outcome = {
      statusCode: result.status,
      error: result.status >= 200 && result.status < 300 ? null : `http_${result.status}`,
      durationMs: result.durationMs,
    };
  } catch (error) {
    outcome = {
      statusCode: null,
      error:
        error instanceof WebhookUrlRefused
          ? `refused_${error.reason}`
          : redactString(error instanceof Error ? error.message : String(error)).slice(0, 300),
      durationMs: Math.round(now().getTime() - started.getTime()),
    };
  }
  const ok = outcome.error === null;
  const at = now();
  const final = !ok && at.getTime() - delivery.createdAt.getTime() >= GIVE_UP_AFTER_MS;
  await finishDelivery(deps.db, delivery, {
    ok,
    final,
    ...outcome,
    at,
    random: deps.random,
    retryBaseMs: deps.retryBaseMs,
  });
  await trackEndpointHealth(deps.db, endpoint, ok, at);
  if (!ok)
    log.info("webhook attempt failed", {
      deliveryId: delivery.id,
      endpointId: endpoint.id,
      attempt: delivery.attempts,
      error: outcome.error,
    });
  return ok;
}

async function finishDelivery(
  db: Db,
  delivery: Claimed,
  result: {
    ok: boolean;
    final: boolean;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    at: Date;
    random?: () => number;
    retryBaseMs?: number;
  },
) {
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: delivery.id,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
      at: result.at,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        status: result.ok ? "delivered" : result.final ? "failed" : "pending",
        lockedUntil: null,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        lastDurationMs: result.durationMs,
        lastAttemptAt: result.at,
        deliveredAt: result.ok ? result.at : null,
        nextAttemptAt: new Date(
          result.at.getTime() +
            (result.ok || result.final
              ? 0
              : webhookBackoffMs(delivery.attempts, result.random, result.retryBaseMs)),
        ),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
  });
}

/**
 * A success clears the endpoint's failing mark; a failure sets it (once). An endpoint failing
 * for DISABLE_AFTER_MS is disabled, by one conditional update (so of many instances one does
 * it), and the studio's managers are emailed through the outbox.
 */
async function trackEndpointHealth(
  db: Db,
  endpoint: typeof webhookEndpoints.$inferSelect,
  ok: boolean,
  at: Date,
) {
  if (ok) {
    if (endpoint.failingSince)
      await db
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(eq(webhookEndpoints.id, endpoint.id));
    return;
  }
  if (!endpoint.failingSince) {
    await db
      .update(webhookEndpoints)
      .set({ failingSince: at })
      .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)));
    return;
  }
  if (at.getTime() - endpoint.failingSince.getTime() < DISABLE_AFTER_MS) return;
  await db.transaction(async (tx) => {
    const [disabled] = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: "failing", updatedAt: at })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)))
      .returning();
    if (disabled) {
      log.warn("webhook endpoint disabled after failing for days", { endpointId: endpoint.id });
      await notifyEndpointDisabled(tx, disabled);
    }
  });
}

/** Polls for due deliveries until stopped; every instance runs one, SKIP LOCKED keeps them apart. */
export function startWebhookWorker(deps: DeliveryDeps, intervalMs = 2_000): () => Promise<void> {
  const batch = 20;
  return every(
    intervalMs,
    "webhook delivery pass",
    async (stopped) => {
      while (!stopped.aborted && (await processWebhooksOnce(deps, batch)).claimed === batch);
    },
    { runNow: true },
  );
}
