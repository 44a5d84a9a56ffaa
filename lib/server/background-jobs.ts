import "server-only";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db";
import { createSmtpSender } from "@/lib/email/smtp";
import { startOutboxWorker } from "@/lib/email/worker";
import type { KisiClient } from "@/lib/kisi/client";
import { startBulkWorker } from "@/lib/bulk/runner";
import { startReconciler } from "@/lib/links/reconcile";
import { startAuditRetention } from "@/lib/audit/retention";
import { startWebhookWorker } from "@/lib/webhooks/deliver";
import { startMaintenance } from "./maintenance";

/**
 * The loops every Latchkey instance runs beside serving requests, and that `npm run worker` runs
 * alone, each on one `every()` timer (lib/jobs/every.ts): the email outbox, Kisi reconciliation,
 * bulk issues from CSV, webhook deliveries, and pruning of expired rows and of the unlock audit. Any number of
 * copies can run at once, each job in its own way: the outbox and the audit pruning claim rows
 * with FOR UPDATE SKIP LOCKED; a bulk batch is taken under a lease; reconciliation claims each
 * link with a conditional update before calling Kisi, and a DELETE that meets a 404 counts as
 * done; the expired-state sweep is a plain, idempotent DELETE. Returns a stop function that
 * resolves once every pass in flight has settled (the outbox and bulk passes end early).
 */
export function startBackgroundJobs(config: Config, db: Db, kisi: KisiClient): () => Promise<void> {
  const stops = [
    startOutboxWorker({
      db,
      keyring: config.encryption,
      appOrigin: config.appOrigin,
      fromAddress: config.email.from,
      // Access emails list the link's doors when Kisi answers in time (best effort).
      kisi,
      doorCacheMs: config.doorCacheSeconds * 1000,
      send: config.email.kind === "smtp" ? createSmtpSender(config.email.url) : null,
    }),
    startReconciler({ db, kisi, keyring: config.encryption }),
    startMaintenance(db),
    // Each organization's audit retention, in small batches (lib/audit/retention.ts).
    startAuditRetention(db, { analyze: config.database.kind === "pglite" }),
    // Bulk issues from a CSV run in the background and resume after a restart (lib/bulk).
    startBulkWorker({ db, kisi, keyring: config.encryption, appOrigin: config.appOrigin }),
    // Webhook deliveries, claimed with FOR UPDATE SKIP LOCKED (lib/webhooks/deliver.ts).
    startWebhookWorker({
      db,
      keyring: config.encryption,
      allowPrivate: config.webhooksAllowPrivate,
      retryBaseMs: config.webhookRetryBaseMs,
    }),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
