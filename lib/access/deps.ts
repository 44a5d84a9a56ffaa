import "server-only";
import { createHash } from "node:crypto";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { findLinkByToken, type LinkWithStudio } from "@/lib/links/find-by-token";
import type { UnlockDeps } from "./unlock";

// Audit rows keep a keyed hash of the IP, never the IP itself. The key depends only on the
// configuration, so it is derived once per process, not on every guest request.
let ipSalt: string | undefined;

/** The visitor side's dependencies, from the app's configuration. */
export async function getAccessDeps(): Promise<UnlockDeps> {
  const config = getConfig();
  ipSalt ??= createHash("sha256").update(`ip-hash:${config.authSecret}`).digest("hex");
  return {
    db: await getDb(),
    kisi: getKisiClient(),
    keyring: config.encryption,
    ipSalt,
    doorCacheMs: config.doorCacheSeconds * 1000,
    groupLocksCacheMs: config.groupLocksCacheSeconds * 1000,
    queue: config.unlockQueue,
  };
}

/**
 * One lookup per request: the root layout (for the page's language, lib/access/guest-locale.ts),
 * the page and its metadata all ask for the same token's link during one render.
 */
export const findAccessForRequest = cache(async (token: string): Promise<LinkWithStudio | null> =>
  findLinkByToken(await getDb(), token),
);
