import "server-only";
import type { webhookEndpoints } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import type { Tx } from "./record";

/**
 * Tells the studio that an endpoint was disabled for failing. For now a warning in the log and
 * `disabledReason: "failing"` on the endpoint (shown by the API); the managers' email through
 * the outbox needs an email kind of its own and is still to come.
 */
export async function notifyEndpointDisabled(
  _tx: Tx,
  endpoint: typeof webhookEndpoints.$inferSelect,
): Promise<void> {
  log.warn("webhook endpoint disabled: managers to be told", {
    endpointId: endpoint.id,
    studioId: endpoint.studioId,
  });
}
