/**
 * npm run db:backup -- [--out FILE] [--pg-bin DIR]
 * npm run db:restore -- --from FILE [--force] [--pg-bin DIR]
 *
 * Backs up or restores the configured database (lib/db/backup.ts): the embedded PGlite folder as
 * a .tar.gz (stop the server first: PGlite is single-process), or with DATABASE_URL a server
 * through pg_dump/pg_restore (the PostgreSQL client on PATH, or in --pg-bin).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "@/lib/config/parse-config";
import { backupPglite, backupServer, restorePglite, restoreServer } from "@/lib/db/backup";
import { redactString } from "@/lib/log/redact";

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: "string" },
      from: { type: "string" },
      force: { type: "boolean", default: false },
      "pg-bin": { type: "string" },
    },
  });
  const config = parseConfig(process.env);
  const db = config.database;
  const pgBin = values["pg-bin"];

  if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file =
      values.out ??
      path.join("backups", `latchkey-${stamp}.${db.kind === "pglite" ? "tar.gz" : "dump"}`);
    if (db.kind === "pglite") {
      const { bytes } = await backupPglite(db.dataDir, file);
      process.stdout.write(
        `Embedded database ${db.dataDir} backed up to ${file} (${bytes} bytes).\n`,
      );
    } else {
      await backupServer(db.url, file, pgBin);
      process.stdout.write(`PostgreSQL (DATABASE_URL) backed up to ${file} with pg_dump.\n`);
    }
    return;
  }
  if (command === "restore") {
    if (!values.from) throw new UsageError("db:restore needs --from FILE");
    if (db.kind === "pglite") {
      const { movedAside } = await restorePglite(values.from, db.dataDir, { force: values.force });
      process.stdout.write(
        `Embedded database ${db.dataDir} restored from ${values.from}.` +
          (movedAside ? ` The previous one is kept in ${movedAside}.` : "") +
          "\n",
      );
    } else {
      await restoreServer(db.url, values.from, pgBin);
      process.stdout.write(
        `PostgreSQL (DATABASE_URL) restored from ${values.from} with pg_restore.\n`,
      );
    }
    return;
  }
  throw new UsageError("usage: db-backup.ts backup|restore [options]");
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError || error instanceof UsageError
      ? `${error.message}\n`
      : `Backup/restore failed: ${redactString((error as Error).message)}\n`,
  );
  process.exit(1);
});
