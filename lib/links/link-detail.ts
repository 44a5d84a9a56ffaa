import "server-only";
import { desc, eq } from "drizzle-orm";
import { listUnlockAudit } from "@/lib/audit/unlock-audit";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { findStudioLinkOrThrow } from "./find-studio-link";
import { accessUrl, mayReadAccessUrl } from "./issue-link";

type AccessUrlReader = Parameters<typeof mayReadAccessUrl>[0];
import { openLinkToken } from "./secrets";
import { linkState } from "./state";
import { ruleUsage } from "@/lib/access-rules/usage";

/**
 * One link as GET /api/studios/{studioId}/links/{linkId} answers it: its URL (to copy or show as
 * QR), email history and the newest page of its unlock history (older pages come from
 * …/audit?cursor=). A token whose key is gone is `link_unreadable` (409), never a 500.
 */
export async function linkDetail(
  deps: { db: Db; keyring: Keyring; appOrigin: string },
  studioId: string,
  linkId: string,
  /** An API token sees the URL only of links it issued itself; others come back without `url`. */
  caller: AccessUrlReader,
  now = new Date(),
) {
  const { db } = deps;
  const link = await findStudioLinkOrThrow(db, studioId, linkId);
  const url = mayReadAccessUrl(caller, link)
    ? accessUrl(deps.appOrigin, openLinkToken(link, deps.keyring))
    : undefined;
  const [emails, unlocks] = await Promise.all([
    db
      .select({
        status: emailOutbox.status,
        recipient: emailOutbox.recipient,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        sentAt: emailOutbox.sentAt,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(eq(emailOutbox.linkId, link.id))
      .orderBy(desc(emailOutbox.createdAt)),
    listUnlockAudit(db, { studioId, linkId: link.id }, { limit: 100 }),
  ]);
  const state = linkState(link, now);
  return {
    id: link.id,
    ...(url ? { url } : {}),
    state: state === "unavailable" ? ("pending" as const) : state,
    guestName: link.guestName,
    guestEmail: link.guestEmail,
    externalRef: link.externalRef,
    locale: link.locale,
    validFrom: link.validFrom.toISOString(),
    validUntil: link.validUntil.toISOString(),
    // Set when the link was deleted or disabled inside Kisi itself, not through Latchkey.
    revokedInKisiAt: link.kisiGoneAt?.toISOString() ?? null,
    access: ruleUsage(link),
    emails: emails.map((e) => ({
      ...e,
      sentAt: e.sentAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
    })),
    unlocks: unlocks.items,
    unlocksNextCursor: unlocks.nextCursor,
  };
}
