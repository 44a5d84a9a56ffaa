import "server-only";
import { and, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { accessLinks } from "@/lib/db/schema";
import type { KisiClient } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import { log } from "@/lib/log/logger";
import { every } from "@/lib/jobs/every";
import { kisiWindowOf, narrowKisiToFirstUse } from "./change-window";
import { completeIssue } from "./issue-link";
import { studioKisiAuth } from "./kisi-auth";

export type ReconcileDeps = { db: Db; kisi: KisiClient; keyring: Keyring; now?: () => Date };

/** A create may still be in flight this long after it started; only then is it "unknown". */
const SETTLE_MS = 60_000;
const BATCH = 20;

/**
 * Brings Kisi in line with what Latchkey decided, so no link is half-made and no revoked link
 * lingers on Kisi (SECURITY.md J-4, A-3). Safe on every instance at once: each link is claimed
 * by a conditional update before anything is sent to Kisi.
 * 1. A create that never finished (`creating` long after it began: the process died) becomes
 *    `kisi_unknown`.
 * 2. `kisi_unknown`: Kisi may or may not hold the link and never returns its secret again, so
 *    any link with its unique name is deleted and a fresh one created; the email, if asked for,
 *    goes out once that succeeds. A window that has already ended is given up (`kisi_failed`).
 * 3. Revoked links whose Kisi DELETE is still owed are deleted (a 404 means already gone).
 * 4. A window change whose create had an unknown outcome (`kisiChangeStartedAt`) may have left a
 *    second Kisi link of the same name: once settled, any link of that name that is neither the
 *    current nor the superseded one, and was created before the settle time (so never a change
 *    still in flight), is deleted.
 */
export async function reconcileLinks(
  deps: ReconcileDeps,
): Promise<{ recreated: number; failed: number; deleted: number }> {
  const now = deps.now?.() ?? new Date();
  const settled = new Date(now.getTime() - SETTLE_MS);
  await deps.db
    .update(accessLinks)
    .set({ status: "kisi_unknown", updatedAt: now })
    .where(and(eq(accessLinks.status, "creating"), lt(accessLinks.updatedAt, settled)));

  let recreated = 0;
  let failed = 0;
  const unknown = await deps.db
    .select()
    .from(accessLinks)
    .where(and(eq(accessLinks.status, "kisi_unknown"), lt(accessLinks.updatedAt, settled)))
    .limit(BATCH);
  for (const candidate of unknown) {
    // Claim it: only the instance whose update succeeds goes on.
    const [link] = await deps.db
      .update(accessLinks)
      .set({ status: "creating", updatedAt: now })
      .where(and(eq(accessLinks.id, candidate.id), eq(accessLinks.status, "kisi_unknown")))
      .returning();
    if (!link) continue;
    const auth = await studioKisiAuth(deps, link.studioId);
    if (!auth || !link.kisiGroupId || link.validUntil <= now) {
      await setStatus(deps.db, link.id, "kisi_failed", now);
      failed++;
      continue;
    }
    try {
      const found = await deps.kisi.listGroupLinks(auth, { query: link.kisiName, limit: 250 });
      for (const orphan of found.items.filter((l) => l.name === link.kisiName)) {
        await deps.kisi.deleteGroupLink(auth, orphan.id).catch((error: unknown) => {
          if (!(isKisiError(error) && error.status === 404)) throw error;
        });
      }
      // The window Kisi should hold: a used "valid from first use" link's narrowed one.
      const created = await deps.kisi.createGroupLink(auth, {
        name: link.kisiName,
        groupId: link.kisiGroupId,
        ...kisiWindowOf(link, { validFrom: link.validFrom, validUntil: link.validUntil }),
      });
      if (await completeIssue(deps.db, deps.keyring, link, created)) {
        recreated++;
        // Created with the narrowed window already: no narrowing owed.
        if (link.firstUsedAt && link.rules?.validForMinutes)
          await deps.db
            .update(accessLinks)
            .set({ kisiNarrowedAt: now })
            .where(eq(accessLinks.id, link.id));
      } else await deps.kisi.deleteGroupLink(auth, created.id).catch(() => undefined); // revoked meanwhile
    } catch (error) {
      // Kisi refused outright (4xx other than 429): nothing was created, so give up cleanly.
      // Anything else may have reached Kisi: stay unknown and look again next pass.
      const refused =
        isKisiError(error) &&
        error.kind === "http" &&
        (error.status ?? 500) < 500 &&
        error.status !== 429;
      const status = refused ? "kisi_failed" : "kisi_unknown";
      await setStatus(deps.db, link.id, status, now);
      log.warn("kisi reconcile failed", { linkId: link.id, status, error });
      if (status === "kisi_failed") failed++;
    }
  }

  let deleted = 0;
  const owed = await deps.db
    .select()
    .from(accessLinks)
    .where(
      and(
        eq(accessLinks.status, "revoked"),
        isNull(accessLinks.kisiDeletedAt),
        isNotNull(accessLinks.kisiGroupLinkId),
        // Not while the revoking request may still be deleting it itself (a second DELETE
        // would only meet a 404, but it is a Kisi call wasted and a race to record).
        lt(accessLinks.revokedAt, settled),
      ),
    )
    .limit(BATCH);
  for (const link of owed) {
    const auth = await studioKisiAuth(deps, link.studioId);
    if (!auth) continue;
    try {
      await deps.kisi.deleteGroupLink(auth, link.kisiGroupLinkId!);
    } catch (error) {
      if (!(isKisiError(error) && error.status === 404)) {
        log.warn("kisi delete still owed", { linkId: link.id, error });
        continue;
      }
    }
    await deps.db
      .update(accessLinks)
      .set({ kisiDeletedAt: now })
      .where(eq(accessLinks.id, link.id));
    deleted++;
  }
  const superseded = await deps.db
    .select()
    .from(accessLinks)
    .where(and(isNotNull(accessLinks.kisiSupersededId), lt(accessLinks.updatedAt, settled)))
    .limit(BATCH);
  for (const link of superseded) {
    const auth = await studioKisiAuth(deps, link.studioId);
    if (!auth) continue;
    try {
      await deps.kisi.deleteGroupLink(auth, link.kisiSupersededId!);
    } catch (error) {
      if (!(isKisiError(error) && error.status === 404)) continue;
    }
    await deps.db
      .update(accessLinks)
      .set({ kisiSupersededId: null })
      .where(eq(accessLinks.id, link.id));
    deleted++;
  }
  deleted += await sweepChangeOrphans(deps, settled);
  await retryNarrowing(deps, settled, now);
  return { recreated, failed, deleted };
}

/**
 * 5. A used "valid from first use" link whose Kisi narrowing failed (Kisi unreachable right
 *    after the first unlock) is narrowed now; Latchkey enforced the shorter validity meanwhile.
 *    One whose validity already ran out is only marked: Latchkey refuses it, and a Kisi window
 *    in the past would be refused on every pass.
 */
async function retryNarrowing(deps: ReconcileDeps, settled: Date, now: Date) {
  const owed = await deps.db
    .select()
    .from(accessLinks)
    .where(
      and(
        eq(accessLinks.status, "issued"),
        isNull(accessLinks.kisiNarrowedAt),
        lt(accessLinks.firstUsedAt, settled),
        gt(accessLinks.validUntil, now),
        sql`${accessLinks.rules} ->> 'validForMinutes' is not null`,
      ),
    )
    .limit(BATCH);
  for (const link of owed) {
    const window = kisiWindowOf(link, { validFrom: link.validFrom, validUntil: link.validUntil });
    if (window.validUntil <= now) {
      await deps.db
        .update(accessLinks)
        .set({ kisiNarrowedAt: now })
        .where(eq(accessLinks.id, link.id));
      continue;
    }
    await narrowKisiToFirstUse(deps, link.id).catch((error: unknown) =>
      log.warn("kisi narrowing to first use still owed", { linkId: link.id, error }),
    );
  }
}

async function sweepChangeOrphans(deps: ReconcileDeps, settled: Date) {
  let deleted = 0;
  const marked = await deps.db
    .select()
    .from(accessLinks)
    .where(lt(accessLinks.kisiChangeStartedAt, settled))
    .limit(BATCH);
  for (const link of marked) {
    const auth = await studioKisiAuth(deps, link.studioId);
    if (!auth) continue;
    try {
      const keep = new Set([link.kisiGroupLinkId, link.kisiSupersededId]);
      const found = await deps.kisi.listGroupLinks(auth, { query: link.kisiName, limit: 250 });
      const orphans = found.items.filter(
        (l) => l.name === link.kisiName && !keep.has(l.id) && new Date(l.created_at) < settled,
      );
      for (const orphan of orphans) {
        await deps.kisi.deleteGroupLink(auth, orphan.id).catch((error: unknown) => {
          if (!(isKisiError(error) && error.status === 404)) throw error;
        });
        deleted++;
      }
    } catch (error) {
      log.warn("kisi sweep of a window change's leftovers failed", { linkId: link.id, error });
      continue;
    }
    // Only the mark that was swept: a change that started meanwhile keeps its own.
    await deps.db
      .update(accessLinks)
      .set({ kisiChangeStartedAt: null })
      .where(
        and(
          eq(accessLinks.id, link.id),
          eq(accessLinks.kisiChangeStartedAt, link.kisiChangeStartedAt!),
        ),
      );
  }
  return deleted;
}

async function setStatus(db: Db, id: string, status: "kisi_failed" | "kisi_unknown", now: Date) {
  await db
    .update(accessLinks)
    .set({ status, updatedAt: now })
    .where(and(eq(accessLinks.id, id), eq(accessLinks.status, "creating")));
}

/** Runs the reconciliation every `intervalMs` until stopped (every instance; claims keep them apart). */
export function startReconciler(deps: ReconcileDeps, intervalMs = 30_000): () => Promise<void> {
  return every(intervalMs, "kisi reconcile pass", () => reconcileLinks(deps));
}
