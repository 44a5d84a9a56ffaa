import { defineContract } from "./define";

export const metrics = defineContract({
  id: "metrics",
  method: "GET",
  path: "/api/metrics",
  summary: "Prometheus text format, for a scraper holding LATCHKEY_METRICS_TOKEN",
  description:
    "Off (404) unless that token is configured; then that bearer token only (compared in " +
    "constant time). Counts and latencies, no ids or secrets. An operator's endpoint: " +
    "docs/metrics.md.",
  caller: { kind: "public", why: "metrics, bearer-token-authenticated" },
  success: { status: 200, media: "text/plain" },
  errors: ["not_found", "unauthorized"],
  internal: true,
});
