import "server-only";
import { eq } from "drizzle-orm";
import { hashAccessToken, isWellFormedAccessToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db";
import { accessLinks, studios } from "@/lib/db/schema";

export type AccessLinkRow = typeof accessLinks.$inferSelect;
export type StudioRow = typeof studios.$inferSelect;
export type LinkWithStudio = { link: AccessLinkRow; studio: StudioRow };

/**
 * The link and studio behind an access token, or null. Malformed tokens never reach the
 * database, and lookups go by SHA-256 only (security.md A-2).
 */
export async function findLinkByToken(db: Db, token: unknown): Promise<LinkWithStudio | null> {
  if (!isWellFormedAccessToken(token)) return null;
  const [row] = await db
    .select({ link: accessLinks, studio: studios })
    .from(accessLinks)
    .innerJoin(studios, eq(studios.id, accessLinks.studioId))
    .where(eq(accessLinks.tokenHash, hashAccessToken(token)))
    .limit(1);
  return row ?? null;
}
