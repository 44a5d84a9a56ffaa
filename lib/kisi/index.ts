import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import type { KisiClient } from "./client";
import { createKisiClientFromConfig } from "./from-config";

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
  globalForKisi.latchkeyKisi ??= createKisiClientFromConfig(getConfig(), getDb);
  return globalForKisi.latchkeyKisi;
}
