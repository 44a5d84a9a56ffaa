import "server-only";
import { eq } from "drizzle-orm";
import { hashAccessToken, isWellFormedAccessToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db";
import { accessLinks, kisiCredentials, studios } from "@/lib/db/schema";
import { kisiKeyBudget } from "@/lib/kisi/client";

export type AccessLinkRow = typeof accessLinks.$inferSelect;
export type StudioRow = typeof studios.$inferSelect;
/** `kisiBudget`: the pacing lane of the studio's Kisi key, which the link's calls count against. */
export type LinkWithStudio = { link: AccessLinkRow; studio: StudioRow; kisiBudget?: string };

/**
 * The link and studio behind an access token, or null. Malformed tokens never reach the
 * database, and lookups go by SHA-256 only (security.md A-2).
 */
export async function findLinkByToken(db: Db, token: unknown): Promise<LinkWithStudio | null> {
  if (!isWellFormedAccessToken(token)) return null;
  const [row] = await db
    .select({ link: accessLinks, studio: studios, fingerprint: kisiCredentials.apiKeyFingerprint })
    .from(accessLinks)
    .innerJoin(studios, eq(studios.id, accessLinks.studioId))
    .leftJoin(kisiCredentials, eq(kisiCredentials.id, studios.kisiCredentialId))
    .where(eq(accessLinks.tokenHash, hashAccessToken(token)))
    .limit(1);
  if (!row) return null;
  return {
    link: row.link,
    studio: row.studio,
    kisiBudget: row.fingerprint ? kisiKeyBudget(row.fingerprint) : undefined,
  };
}
