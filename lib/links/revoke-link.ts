import "server-only";
import { eq } from "drizzle-orm";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { accessLinks } from "@/lib/db/schema";
import type { KisiClient } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import { log } from "@/lib/log/logger";
import { recordLinkEvent } from "@/lib/webhooks/record";
import { studioKisiAuth } from "./kisi-auth";

/**
 * Revokes a link: on our side at once (the very next request is refused), then on Kisi's with
 * `DELETE /group_links/{id}`. If Kisi cannot be reached the link stays revoked for guests and
 * `kisiDeletedAt` stays null, so the delete can be retried later (a 404 means already gone).
 */
export async function revokeLink(
  deps: { db: Db; kisi: KisiClient; keyring: Keyring },
  linkId: string,
): Promise<{ kisiDeleted: boolean }> {
  const now = new Date();
  const link = await deps.db.transaction(async (tx) => {
    const [previous] = await tx
      .select({ status: accessLinks.status })
      .from(accessLinks)
      .where(eq(accessLinks.id, linkId))
      .for("update");
    const [row] = await tx
      .update(accessLinks)
      .set({ status: "revoked", revokedAt: now, updatedAt: now })
      .where(eq(accessLinks.id, linkId))
      .returning();
    // One link.revoked per link: revoking it again changes nothing a receiver needs to hear.
    if (row && previous?.status !== "revoked") await recordLinkEvent(tx, "link.revoked", row);
    return row;
  });
  if (!link?.kisiGroupLinkId || link.kisiDeletedAt)
    return { kisiDeleted: Boolean(link?.kisiDeletedAt) };

  const auth = await studioKisiAuth(deps, link.studioId);
  if (!auth) return { kisiDeleted: false };
  try {
    await deps.kisi.deleteGroupLink(auth, link.kisiGroupLinkId);
  } catch (error) {
    if (!(isKisiError(error) && error.kind === "http" && error.status === 404)) {
      log.warn("kisi delete pending", { linkId, error });
      return { kisiDeleted: false };
    }
  }
  await deps.db
    .update(accessLinks)
    .set({ kisiDeletedAt: new Date() })
    .where(eq(accessLinks.id, linkId));
  return { kisiDeleted: true };
}
