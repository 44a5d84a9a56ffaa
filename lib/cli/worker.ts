/**
 * npm run worker — the background jobs without a web server: sends the email outbox and
 * reconciles links with Kisi. For deployments that scale sending apart from serving (set
 * LATCHKEY_BACKGROUND_JOBS=off on the web instances, or leave it on: copies share the work).
 * Needs DATABASE_URL: the embedded PGlite can only be opened by one process, the server.
 * Runs without the `react-server` condition the other CLIs use, because it renders emails with
 * react-dom/server; lib/cli/allow-server-only.cjs lets the server modules load anyway.
 */
import { ConfigError, parseConfig } from "@/lib/config/parse-config";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { createKisiClientFromConfig } from "@/lib/kisi/from-config";
import { configureLogger, log } from "@/lib/log/logger";
import { startBackgroundJobs } from "@/lib/server/background-jobs";
import { redactString } from "@/lib/log/redact";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (config.database.kind !== "postgres") {
    process.stderr.write(
      "npm run worker needs DATABASE_URL: the embedded database belongs to the server, which runs the jobs itself.\n",
    );
    process.exit(1);
  }
  configureLogger({ level: config.logLevel });
  const handle = connectDatabase(config.database);
  await runMigrations(handle);
  const kisi = createKisiClientFromConfig(config, () => Promise.resolve(handle.db));
  const stop = startBackgroundJobs(config, handle.db, kisi);
  log.info("latchkey worker ready", { email: config.email.kind, kisi: config.kisi.baseUrl });
  const shutdown = (signal: string) => {
    log.info("latchkey worker stopping", { signal });
    // Let the passes in flight settle (they stop between rows) before the database closes.
    void stop()
      .then(() => handle.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `\nLatchkey worker cannot start.\n${error.message}\n\n`
      : `Latchkey worker failed: ${redactString((error as Error).message)}\n`,
  );
  process.exit(1);
});
