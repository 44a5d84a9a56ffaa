import path from "node:path";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DbHandle } from "./connect";
import type * as schema from "./schema";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib", "db", "migrations");

/** Any constant works; it only has to be the same in every instance. */
const MIGRATION_LOCK_ID = 7_130_001;

/**
 * Applies the checked-in migrations. On PostgreSQL several instances may start at once, so the
 * run is serialized with a session advisory lock; drizzle skips what is already applied.
 */
export async function runMigrations(
  handle: DbHandle,
  migrationsFolder = MIGRATIONS_FOLDER,
): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase<typeof schema>, {
      migrationsFolder,
    });
    return;
  }
  const db = handle.db as unknown as NodePgDatabase<typeof schema>;
  // drizzle's migrator runs on the pool in its own transaction; the lock is held by a separate,
  // dedicated session for the whole run and released in `finally`.
  if (!handle.pool) throw new Error("a PostgreSQL handle carries its pool");
  const client = await handle.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await migratePg(db, { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
