import "server-only";
import { ConfigError, getConfig } from "@/lib/config";
import { getDbHandle } from "@/lib/db";
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
  await getDbHandle(); // opens the database and applies pending migrations
  log.info("latchkey ready", {
    mode: config.mode,
    database: config.database.kind,
    email: config.email.kind,
    kisi: config.kisi.baseUrl,
  });
}
