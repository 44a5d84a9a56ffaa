import "server-only";
import { and, count, desc, eq, gt, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox, unlockAudit, type EMAIL_STATUSES } from "@/lib/db/schema";
import type { ListLinksQuery } from "@/lib/schemas/links";
import { linkState, type LinkState } from "./state";

export type LinkSummary = {
  id: string;
  guestName: string;
  guestEmail: string | null;
  locale: string;
  state: LinkState | "pending";
  validFrom: string;
  validUntil: string;
  createdAt: string;
  email: { status: (typeof EMAIL_STATUSES)[number]; lastError: string | null } | null;
  lastUnlockAt: string | null;
};

/** The lifecycle filter in SQL, so paging counts what the admin asked for. */
function stateCondition(state: ListLinksQuery["state"], now: Date): SQL | undefined {
  switch (state) {
    case "revoked":
      return eq(accessLinks.status, "revoked");
    case "pending":
      return inArray(accessLinks.status, ["creating", "kisi_unknown", "kisi_failed"]);
    case "scheduled":
      return and(eq(accessLinks.status, "issued"), gt(accessLinks.validFrom, now));
    case "active":
      return and(
        eq(accessLinks.status, "issued"),
        lte(accessLinks.validFrom, now),
        gt(accessLinks.validUntil, now),
      );
    case "expired":
      return and(eq(accessLinks.status, "issued"), lte(accessLinks.validUntil, now));
    default:
      return undefined;
  }
}

/** A studio's links, newest first, with each one's email status and last successful unlock. */
export async function listLinks(db: Db, studioId: string, query: ListLinksQuery, now = new Date()) {
  const search = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(accessLinks.studioId, studioId),
    stateCondition(query.state, now),
    search
      ? or(ilike(accessLinks.guestName, search), ilike(accessLinks.guestEmail, search))
      : undefined,
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(accessLinks)
    .where(where);
  const rows = await db
    .select()
    .from(accessLinks)
    .where(where)
    .orderBy(desc(accessLinks.createdAt), desc(accessLinks.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);

  const ids = rows.map((r) => r.id);
  const emails = ids.length
    ? await db
        .selectDistinctOn([emailOutbox.linkId], {
          linkId: emailOutbox.linkId,
          status: emailOutbox.status,
          lastError: emailOutbox.lastError,
        })
        .from(emailOutbox)
        .where(inArray(emailOutbox.linkId, ids))
        .orderBy(emailOutbox.linkId, desc(emailOutbox.createdAt))
    : [];
  const unlocks = ids.length
    ? await db
        .select({ linkId: unlockAudit.linkId, at: sql<string>`max(${unlockAudit.createdAt})` })
        .from(unlockAudit)
        .where(and(inArray(unlockAudit.linkId, ids), eq(unlockAudit.outcome, "unlocked")))
        .groupBy(unlockAudit.linkId)
    : [];

  const items: LinkSummary[] = rows.map((link) => {
    const email = emails.find((e) => e.linkId === link.id);
    const lastUnlock = unlocks.find((u) => u.linkId === link.id)?.at;
    const state = linkState(link, now);
    return {
      id: link.id,
      guestName: link.guestName,
      guestEmail: link.guestEmail,
      locale: link.locale,
      state: state === "unavailable" ? "pending" : state,
      validFrom: link.validFrom.toISOString(),
      validUntil: link.validUntil.toISOString(),
      createdAt: link.createdAt.toISOString(),
      email: email ? { status: email.status, lastError: email.lastError } : null,
      lastUnlockAt: lastUnlock ? new Date(lastUnlock).toISOString() : null,
    };
  });
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}
