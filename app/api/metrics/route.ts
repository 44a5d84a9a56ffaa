import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { bearerToken } from "@/lib/api/request-guards";
import { metricsAccess, renderMetrics } from "@/lib/metrics/endpoint";

// GET /api/metrics – Prometheus text format, for a scraper holding LATCHKEY_METRICS_TOKEN
// (docs/metrics.md). Off (404) unless that token is configured.
export const GET = withApi(async ({ req }) => {
  const access = metricsAccess(getConfig().metricsToken, bearerToken(req));
  if (access === "disabled") throw new ApiError("not_found");
  if (access === "refused") throw new ApiError("unauthorized");
  const { body, contentType } = await renderMetrics(await getDb());
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
});
