/**
 * npm run keys:rotate [-- --check]
 *
 * After a key rotation (new key in LATCHKEY_ENCRYPTION_KEY, the old one moved to
 * LATCHKEY_ENCRYPTION_KEYS_PREVIOUS), seals every stored secret again with the current key, so the
 * old key can then be dropped. `--check` only reports what would change. Exits 0 when every
 * envelope opens, 2 when some cannot be read by any configured key (listed by table, column and
 * row id — never a secret), 1 on an error. Safe to run while the app runs (PostgreSQL); PGlite
 * is single-process: stop the server first.
 */
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "@/lib/config/parse-config";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { reencryptAll } from "@/lib/crypto/rotate-keys";
import { redactString } from "@/lib/log/redact";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const config = parseConfig(process.env);
  const handle = connectDatabase(config.database);
  try {
    await runMigrations(handle);
    const report = await reencryptAll(handle.db, config.encryption, { dryRun: values.check });
    const verb = values.check ? "would be re-encrypted" : "re-encrypted";
    for (const [column, n] of Object.entries(report.reencrypted))
      process.stdout.write(`${column}: ${n} ${verb}\n`);
    if (report.unreadable.length === 0) {
      process.stdout.write(
        values.check
          ? "Every stored secret opens with the configured keys.\n"
          : "Every stored secret is sealed with the current key; previous keys can be dropped.\n",
      );
      return 0;
    }
    process.stdout.write(
      `${report.unreadable.length} stored secret(s) open with no configured key (put the old key back in LATCHKEY_ENCRYPTION_KEYS_PREVIOUS and run again):\n`,
    );
    for (const u of report.unreadable) process.stdout.write(`  ${u.table}.${u.column} ${u.id}\n`);
    return 2;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Key rotation failed: ${redactString((error as Error).message)}\n`,
    );
    process.exit(1);
  },
);
