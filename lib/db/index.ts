import "server-only";
import { getConfig } from "@/lib/config";
import { connectDatabase, type Db, type DbHandle } from "./connect";
import { runMigrations } from "./migrate";

export type { Db } from "./connect";

/**
 * The app's database, opened on first use (never at import: `next build` imports this module
 * and must not create a data folder). Kept on globalThis so dev-mode reloads reuse one PGlite,
 * which cannot be opened twice.
 */
const globalForDb = globalThis as unknown as { latchkeyDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.latchkeyDb ??= (async () => {
    const handle = connectDatabase(getConfig().database);
    await runMigrations(handle);
    return handle;
  })().catch((error: unknown) => {
    globalForDb.latchkeyDb = undefined; // let the next request try again after a DB outage
    throw error;
  });
  return globalForDb.latchkeyDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
