import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { withApi } from "@/lib/api/handler";
import { log } from "@/lib/log/logger";

// GET /api/health – readiness: 200 when the database answers, 503 otherwise (load balancers
// stop routing to an instance that cannot reach PostgreSQL; security.md K-5).
export const GET = withApi(async () => {
  const { mode } = getConfig();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return NextResponse.json({ status: "ok", mode, checks: { database: "ok" } });
  } catch (error) {
    log.warn("health check: database unavailable", { error });
    return NextResponse.json(
      { status: "unavailable", mode, checks: { database: "unavailable" } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
});
