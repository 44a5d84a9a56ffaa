import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ServiceContext } from "@/lib/api/handle";
import { bearerToken } from "@/lib/api/request-guards";
import { getConfig } from "@/lib/config";
import type { metrics } from "@/lib/contracts/metrics";
import { metricsAccess, renderMetrics } from "@/lib/metrics/endpoint";

/**
 * GET /api/metrics: the scraper's bearer token decides before the database is touched. Here, not
 * in lib/metrics, which the API wrapper itself imports (it records every request's latency).
 */
export async function metricsService(ctx: ServiceContext<typeof metrics>) {
  const access = metricsAccess(getConfig().metricsToken, bearerToken(ctx.req));
  if (access === "disabled") throw new ApiError("not_found");
  if (access === "refused") throw new ApiError("unauthorized");
  const { body, contentType } = await renderMetrics((await ctx.deps()).db, ctx.now);
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
}
