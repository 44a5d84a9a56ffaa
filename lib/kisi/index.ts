import "server-only";
import { getConfig } from "@/lib/config";
import { KisiClient } from "./client";
import { createKisiLimiter } from "./limiter";

export {
  KisiClient,
  listAll,
  type KisiAuth,
  type KisiLinkAuth,
  type KisiLoginAuth,
} from "./client";
export { KisiError, isKisiError } from "./errors";
export type * from "./schemas";

const globalForKisi = globalThis as unknown as { latchkeyKisi?: KisiClient };

/** The app's one Kisi client: one limiter per process, so every route shares the budget. */
export function getKisiClient(): KisiClient {
  if (!globalForKisi.latchkeyKisi) {
    const config = getConfig();
    globalForKisi.latchkeyKisi = new KisiClient({
      baseUrl: config.kisi.baseUrl,
      limiter: createKisiLimiter(),
      integration: {
        identifier: config.kisi.integrationIdentifier,
        contact: config.kisi.integrationContact,
      },
    });
  }
  return globalForKisi.latchkeyKisi;
}
