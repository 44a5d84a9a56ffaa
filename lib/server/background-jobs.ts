import "server-only";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db";
import { createSmtpSender } from "@/lib/email/smtp";
import { startOutboxWorker } from "@/lib/email/worker";
import type { KisiClient } from "@/lib/kisi/client";
import { startBulkWorker } from "@/lib/bulk/runner";
import { startReconciler } from "@/lib/links/reconcile";
import { startMaintenance } from "./maintenance";

/**
 * The loops every Latchkey instance runs beside serving requests, and that `npm run worker` runs
 * alone: the email outbox, Kisi reconciliation, bulk issues from CSV and pruning of expired rows. Both claim their rows in PostgreSQL
 * (FOR UPDATE SKIP LOCKED), so any number of copies can run at once. Returns a stop function.
 */
export function startBackgroundJobs(config: Config, db: Db, kisi: KisiClient): () => void {
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
    // Bulk issues from a CSV run in the background and resume after a restart (lib/bulk).
    startBulkWorker({ db, kisi, keyring: config.encryption, appOrigin: config.appOrigin }),
  ];
  return () => stops.forEach((stop) => stop());
}
