import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { accessLinks } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import { recordLinkEvent } from "@/lib/webhooks/record";

/**
 * Kisi no longer accepts a link's secret: someone deleted or disabled the group link inside Kisi,
 * not through Latchkey. Kisi documents no exact answer for this; a link-authenticated call then
 * gets 401 (unknown or deleted secret) or 403 "link disabled", and we take either as final (the
 * safe reading: a link Kisi refuses opens nothing anyway). The link is revoked here too, so the
 * guest sees "cancelled" instead of an empty door list and the dashboard stops listing it as
 * active; `kisiDeletedAt` stays null, so the reconciliation pass deletes any Kisi remainder
 * (a 404 there means it is already gone).
 */
export async function markLinkGoneOnKisi(db: Db, linkId: string, now = new Date()): Promise<void> {
  try {
    const updated = await db.transaction(async (tx) => {
      const rows = await tx
        .update(accessLinks)
        .set({ status: "revoked", revokedAt: now, kisiGoneAt: now, updatedAt: now })
        .where(and(eq(accessLinks.id, linkId), eq(accessLinks.status, "issued")))
        .returning();
      for (const row of rows) await recordLinkEvent(tx, "link.revoked", row);
      return rows;
    });
    if (updated.length > 0) log.info("link revoked: Kisi no longer accepts it", { linkId });
  } catch (error) {
    // The guest is told "cancelled" either way; recording it is retried at the next view.
    log.error("could not record a link Kisi refuses", { linkId, error });
  }
}
