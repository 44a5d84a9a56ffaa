import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SQL } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import type { DatabaseConfig } from "@/lib/config/parse-config";
import { log } from "@/lib/log/logger";
import * as schema from "./schema";

/** Both drivers share drizzle's PostgreSQL dialect; code above this file never knows which. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = {
  db: Db;
  kind: DatabaseConfig["kind"];
  /** The node-postgres pool, for the few things drizzle does not cover (advisory locks). */
  pool?: Pool;
  close: () => Promise<void>;
};

/** pg_trgm serves the links search (ILIKE '%q%'); the migration creates it in the database. */
export const PGLITE_OPTIONS = { extensions: { pg_trgm } };

/**
 * Opens a database. No `server-only` here: the CLI (migrate, demo) and tests open databases too.
 * The app goes through `getDb()` in ./index.ts.
 */
export function connectDatabase(
  config: DatabaseConfig | { kind: "memory" },
  /** Sees every statement with its parameters (the query-plan test EXPLAINs them). */
  options: { logger?: Logger } = {},
): DbHandle {
  if (config.kind === "postgres") {
    // node-postgres waits forever for a connection by default (SECURITY.md K-5): bound it, and
    // handle idle-client errors, which would otherwise crash the process during a DB restart.
    const pool = new Pool({
      connectionString: config.url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
      statement_timeout: 15_000,
    });
    pool.on("error", (error) => log.error("database pool error", { error }));
    const db = drizzlePg({ client: pool, schema, logger: options.logger }) as unknown as Db;
    return { db, kind: "postgres", pool, close: () => pool.end() };
  }
  let client: PGlite;
  if (config.kind === "memory") {
    client = new PGlite(PGLITE_OPTIONS);
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    client = new PGlite(config.dataDir, PGLITE_OPTIONS);
  }
  const db = drizzlePglite({ client, schema, logger: options.logger }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

/** Raw SQL rows: both node-postgres and PGlite answer `execute` with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
