import "server-only";
import { sql } from "drizzle-orm";
import { reply, type ServiceContext } from "@/lib/api/handle";
import { getConfig } from "@/lib/config";
import type { health } from "@/lib/contracts/health";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log/logger";

/**
 * Readiness: 200 when the database answers, 503 otherwise (load balancers stop routing to an
 * instance that cannot reach PostgreSQL). The database is reached here, not through the
 * handler's dependencies, so an outage is this endpoint's answer rather than an error.
 */
export async function healthService(_ctx: ServiceContext<typeof health>) {
  const { mode } = getConfig();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok" as const, mode, checks: { database: "ok" as const } };
  } catch (error) {
    log.warn("health check: database unavailable", { error });
    return reply(
      503,
      { status: "unavailable" as const, mode, checks: { database: "unavailable" as const } },
      { "Retry-After": "5" },
    );
  }
}
