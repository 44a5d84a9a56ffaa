import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { getDbHandle } from "@/lib/db";
import { startOutboxWorker } from "@/lib/email/worker";
import { createSmtpSender } from "@/lib/email/smtp";
import { startBulkWorker } from "@/lib/bulk/runner";
import { getKisiClient } from "@/lib/kisi";
import { startReconciler } from "@/lib/links/reconcile";
import { configureLogger, log } from "@/lib/log/logger";

/** Start-up work shared by every Latchkey instance (called from instrumentation.ts). */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // A plain message, not a log record: this is read by whoever is deploying.
      process.stderr.write(`\nLatchkey cannot start.\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
  configureLogger({ level: config.logLevel });
  const { db } = await getDbHandle(); // opens the database and applies pending migrations
  startOutboxWorker({
    db,
    keyring: config.encryption,
    appOrigin: config.appOrigin,
    fromAddress: config.email.from,
    send: config.email.kind === "smtp" ? createSmtpSender(config.email.url) : null,
  });
  startReconciler({ db, kisi: getKisiClient(), keyring: config.encryption });
  // Bulk issues from a CSV run in the background and resume after a restart (lib/bulk).
  startBulkWorker({
    db,
    kisi: getKisiClient(),
    keyring: config.encryption,
    appOrigin: config.appOrigin,
  });
  log.info("latchkey ready", {
    mode: config.mode,
    database: config.database.kind,
    email: config.email.kind,
    kisi: config.kisi.baseUrl,
  });
}
