import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { kisiApiError } from "@/lib/api/kisi-error";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { accessLinks } from "@/lib/db/schema";
import type { KisiClient } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import { log } from "@/lib/log/logger";
import { recordLinkEvent } from "@/lib/webhooks/record";
import { studioKisiAuth } from "./kisi-auth";
import { sealFor, secretContext } from "./secrets";
import { linkState } from "./state";
import { effectiveUntil } from "@/lib/access-rules/evaluate";
import { ruleStateOf } from "@/lib/access-rules/link-rules";
import type { LinkRules } from "@/lib/access-rules/schema";

type LinkRow = typeof accessLinks.$inferSelect;

/**
 * The window Kisi's own link should carry: the stored window, shortened by "valid from first
 * use" once the link was first used, so Kisi's record matches what Latchkey enforces.
 */
export function kisiWindowOf(
  link: LinkRow,
  window: { validFrom: Date; validUntil: Date },
): { validFrom: Date; validUntil: Date } {
  return {
    validFrom: window.validFrom,
    validUntil: effectiveUntil(link.rules ?? null, { ...ruleStateOf(link), ...window }),
  };
}

/**
 * Extends or moves a link's window. Kisi has no update endpoint, so a new Kisi link replaces the
 * old one behind the same Latchkey token: the guest's URL keeps working. The new link is created
 * first, so the guest never loses access during the swap; the old one is deleted afterwards, or
 * left in `kisiSupersededId` for reconciliation if Kisi is down.
 *
 * The new link has the old one's unique name. Before creating it the row records that a change
 * began (`kisiChangeStartedAt`, the earliest one still open): if the create's outcome is unknown,
 * Kisi may hold a link Latchkey never learnt the id of, and reconciliation finds it by name and
 * deletes it. A change whose create succeeded or was refused outright leaves nothing behind, so
 * it clears the mark again — unless an earlier change's unknown outcome is still open.
 *
 * `change.rules` (null: none) replaces the link's access rules in the same compare-and-set as
 * the new Kisi link, so the rules, the window and Kisi's record change together or not at all.
 */
export async function changeLinkWindow(
  deps: { db: Db; kisi: KisiClient; keyring: Keyring },
  linkId: string,
  window: { validFrom: Date; validUntil: Date },
  change?: { rules: LinkRules | null },
) {
  const [stored] = await deps.db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
  if (!stored) throw new ApiError("not_found");
  const link = change ? { ...stored, rules: change.rules } : stored;
  const state = linkState(link, new Date());
  if (state === "revoked" || state === "unavailable" || !link.kisiGroupLinkId || !link.kisiGroupId)
    throw new ApiError("conflict");
  const auth = await studioKisiAuth(deps, link.studioId);
  if (!auth) throw new ApiError("kisi_key_invalid");

  const started = new Date();
  const openMark = sql`coalesce(${accessLinks.kisiChangeStartedAt}, ${started})`;
  const [marked] = await deps.db
    .update(accessLinks)
    .set({ kisiChangeStartedAt: openMark })
    .where(and(eq(accessLinks.id, link.id), eq(accessLinks.status, "issued")))
    .returning({ id: accessLinks.id });
  if (!marked) throw new ApiError("conflict");
  // Clears the mark only if it is this change's own: an earlier unknown outcome stays open.
  const ownMarkCleared = sql`case when ${accessLinks.kisiChangeStartedAt} = ${started} then null else ${accessLinks.kisiChangeStartedAt} end`;

  let created;
  try {
    created = await deps.kisi.createGroupLink(auth, {
      name: link.kisiName,
      groupId: link.kisiGroupId,
      ...kisiWindowOf(link, window),
    });
  } catch (error) {
    // An unknown outcome may have left a second link on Kisi: the mark stays (set again, in
    // case a sweep cleared it meanwhile), and reconciliation deletes it by name. The guest keeps
    // the current window meanwhile.
    const unknown = isKisiError(error) && error.createOutcomeUnknown;
    await deps.db
      .update(accessLinks)
      .set({ kisiChangeStartedAt: unknown ? openMark : ownMarkCleared })
      .where(eq(accessLinks.id, link.id));
    log.warn("kisi create for a window change failed", { linkId, error });
    throw kisiApiError(error);
  }

  const replacedId = link.kisiGroupLinkId;
  const updated = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(accessLinks)
      .set({
        validFrom: window.validFrom,
        validUntil: window.validUntil,
        // Explicit rules are the link's own from now on: no longer its pass type's.
        ...(change ? { rules: change.rules, passTypeId: null } : {}),
        // Kisi now holds the window first use implies (kisiWindowOf above): nothing owed.
        kisiNarrowedAt: link.firstUsedAt && link.rules?.validForMinutes ? new Date() : null,
        kisiGroupLinkId: created.id,
        kisiSecretCiphertext: sealFor(
          secretContext.kisiLinkSecret(link.id),
          created.secret,
          deps.keyring,
        ),
        kisiSupersededId: replacedId,
        kisiChangeStartedAt: ownMarkCleared,
        updatedAt: new Date(),
      })
      // Compare-and-set: a revoke or another change in the meantime wins, and this one backs out.
      .where(
        and(
          eq(accessLinks.id, link.id),
          eq(accessLinks.status, "issued"),
          eq(accessLinks.kisiGroupLinkId, replacedId),
        ),
      )
      .returning();
    // The webhook event commits with the new window, or not at all.
    if (row) await recordLinkEvent(tx, "link.changed", row);
    return row;
  });
  if (!updated) {
    await deps.kisi.deleteGroupLink(auth, created.id).catch(() => undefined);
    throw new ApiError("conflict");
  }
  await deps.kisi
    .deleteGroupLink(auth, link.kisiGroupLinkId)
    .catch((error: unknown) => {
      if (!(isKisiError(error) && error.status === 404)) throw error;
    })
    .then(() =>
      deps.db
        .update(accessLinks)
        .set({ kisiSupersededId: null })
        .where(eq(accessLinks.id, link.id)),
    )
    .catch((error: unknown) =>
      log.warn("kisi delete of a superseded link owed", { linkId, error }),
    );
  return { ...updated, kisiSupersededId: null };
}

/**
 * New access rules for a link whose Kisi window they do not change (no first use yet, or the
 * same validity): one compare-and-set on an issued link, with its `link.changed` event.
 */
export async function changeLinkRules(db: Db, linkId: string, rules: LinkRules | null) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accessLinks)
      .set({ rules, passTypeId: null, updatedAt: new Date() })
      .where(and(eq(accessLinks.id, linkId), eq(accessLinks.status, "issued")))
      .returning();
    if (!row) throw new ApiError("conflict");
    await recordLinkEvent(tx, "link.changed", row);
    return row;
  });
}

/**
 * After a "valid from first use" link's first successful unlock: Kisi's link is replaced by one
 * that ends when the first-use validity does (behind the same token, as an extend), the stored
 * window unchanged. Latchkey enforces the shorter validity either way; this makes Kisi agree.
 */
export async function narrowKisiToFirstUse(
  deps: { db: Db; kisi: KisiClient; keyring: Keyring },
  linkId: string,
) {
  const [link] = await deps.db.select().from(accessLinks).where(eq(accessLinks.id, linkId));
  if (!link?.rules?.validForMinutes || !link.firstUsedAt) return null;
  return changeLinkWindow(deps, linkId, { validFrom: link.validFrom, validUntil: link.validUntil });
}
