import { handle } from "@/lib/api/handle";
import { metrics } from "@/lib/contracts/metrics";
import { metricsService } from "@/lib/server/metrics";

export const GET = handle(metrics, metricsService);
