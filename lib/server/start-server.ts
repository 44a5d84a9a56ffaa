import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { getDbHandle } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { configureLogger, log } from "@/lib/log/logger";
import { startBackgroundJobs } from "./background-jobs";

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
  if (!config.worker.inProcess) {
    log.info("background jobs left to `npm run worker` (LATCHKEY_BACKGROUND_JOBS=off)");
  } else {
    startBackgroundJobs(config, db, getKisiClient());
  }
  log.info("latchkey ready", {
    mode: config.mode,
    database: config.database.kind,
    email: config.email.kind,
    kisi: config.kisi.baseUrl,
  });
}
