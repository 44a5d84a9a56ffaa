/**
 * npm run db:migrate — applies the checked-in migrations to the configured database
 * (DATABASE_URL, or the embedded PGlite folder). The server also migrates at start; this is for
 * deploys that migrate as a separate step. PGlite is single-process: stop the server first.
 */
import { ConfigError, parseConfig } from "@/lib/config/parse-config";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { redactString } from "@/lib/log/redact";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const handle = connectDatabase(config.database);
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  const where =
    config.database.kind === "pglite"
      ? `PGlite at ${config.database.dataDir}`
      : "PostgreSQL (DATABASE_URL)";
  process.stdout.write(`Migrations applied to ${where}.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Migration failed: ${redactString((error as Error).message)}\n`,
  );
  process.exit(1);
});
