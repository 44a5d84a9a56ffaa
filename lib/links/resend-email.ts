import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox } from "@/lib/db/schema";
import { assertLinkAction } from "./action-guard";

/**
 * Sends the access email again (e.g. the guest lost it). Only for a usable link with an address.
 * An email still waiting for a retry (SMTP was down) is tried again now rather than joined by a
 * second copy, which would reach the guest twice once the server is back.
 */
export async function resendLinkEmail(db: Db, linkId: string): Promise<void> {
  const [link] = await db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
  if (!link) throw new ApiError("not_found");
  // No address, expired, revoked or never confirmed by Kisi: lib/links/state-actions.ts.
  assertLinkAction("resend", link, new Date());
  await db.transaction(async (tx) => {
    await tx
      .update(accessLinks)
      .set({ emailRequested: true, updatedAt: new Date() })
      .where(eq(accessLinks.id, link.id));
    const waiting = await tx
      .update(emailOutbox)
      .set({ status: "pending", nextAttemptAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(emailOutbox.linkId, link.id),
          inArray(emailOutbox.status, ["pending", "failed"]),
          isNull(emailOutbox.lockedUntil),
        ),
      )
      .returning({ id: emailOutbox.id });
    if (waiting.length > 0) return;
    await tx.insert(emailOutbox).values({
      linkId: link.id,
      studioId: link.studioId,
      recipient: link.guestEmail!,
      locale: link.locale,
    });
  });
}
