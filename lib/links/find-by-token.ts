import "server-only";
import { eq, type SQL } from "drizzle-orm";
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
 * database, and lookups go by SHA-256 only (SECURITY.md A-2).
 */
export async function findLinkByToken(db: Db, token: unknown): Promise<LinkWithStudio | null> {
  if (!isWellFormedAccessToken(token)) return null;
  return findLink(db, eq(accessLinks.tokenHash, hashAccessToken(token)));
}

/** The link and studio of a link id, or null (the outbox, composing a link's email). */
export async function findLinkById(db: Db, linkId: string): Promise<LinkWithStudio | null> {
  return findLink(db, eq(accessLinks.id, linkId));
}

async function findLink(db: Db, where: SQL): Promise<LinkWithStudio | null> {
  const [row] = await db
    .select({ link: accessLinks, studio: studios, fingerprint: kisiCredentials.apiKeyFingerprint })
    .from(accessLinks)
    .innerJoin(studios, eq(studios.id, accessLinks.studioId))
    .leftJoin(kisiCredentials, eq(kisiCredentials.id, studios.kisiCredentialId))
    .where(where)
    .limit(1);
  if (!row) return null;
  return {
    link: row.link,
    studio: row.studio,
    kisiBudget: row.fingerprint ? kisiKeyBudget(row.fingerprint) : undefined,
  };
}
