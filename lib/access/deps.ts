import "server-only";
import { createHash } from "node:crypto";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { findLinkByToken, type LinkWithStudio } from "@/lib/links/find-by-token";
import type { UnlockDeps } from "./unlock";

/** The visitor side's dependencies, from the app's configuration. */
export async function getAccessDeps(): Promise<UnlockDeps> {
  const config = getConfig();
  return {
    db: await getDb(),
    kisi: getKisiClient(),
    keyring: config.encryption,
    // Audit rows keep a keyed hash of the IP, never the IP itself.
    ipSalt: createHash("sha256").update(`ip-hash:${config.authSecret}`).digest("hex"),
    doorCacheMs: config.doorCacheSeconds * 1000,
  };
}

/**
 * One lookup per request: the locale resolution (lib/i18n/request.ts), the page and its
 * metadata all ask for the same token's link during one render.
 */
export const findAccessForRequest = cache(async (token: string): Promise<LinkWithStudio | null> => {
  const { db } = await getAccessDeps();
  return findLinkByToken(db, token);
});
