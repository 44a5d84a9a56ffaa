import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db/connect";
import { KisiClient } from "./client";
import { createKisiLimiter } from "./limiter";
import { createSharedKisiLimiter } from "./shared-limiter";

/**
 * A Kisi client for a process (the server or `npm run worker`). On PostgreSQL, where several
 * instances may run, calls are paced in the database; the embedded PGlite belongs to a single
 * process, so pacing in memory is enough there.
 */
export function createKisiClientFromConfig(config: Config, getDb: () => Promise<Db>): KisiClient {
  return new KisiClient({
    baseUrl: config.kisi.baseUrl,
    limiter:
      config.database.kind === "postgres" ? createSharedKisiLimiter(getDb) : createKisiLimiter(),
    integration: {
      identifier: config.kisi.integrationIdentifier,
      contact: config.kisi.integrationContact,
    },
  });
}
