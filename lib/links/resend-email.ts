import "server-only";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox } from "@/lib/db/schema";
import { linkState } from "./state";

/** Queues the access email again (e.g. the guest lost it). Only for a usable link with an address. */
export async function resendLinkEmail(db: Db, linkId: string): Promise<void> {
  const [link] = await db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
  if (!link) throw new ApiError("not_found");
  const state = linkState(link, new Date());
  if (!link.guestEmail || state === "revoked" || state === "expired" || state === "unavailable")
    throw new ApiError("conflict");
  await db.transaction(async (tx) => {
    await tx
      .update(accessLinks)
      .set({ emailRequested: true, updatedAt: new Date() })
      .where(eq(accessLinks.id, link.id));
    await tx.insert(emailOutbox).values({
      linkId: link.id,
      studioId: link.studioId,
      recipient: link.guestEmail!,
      locale: link.locale,
    });
  });
}
