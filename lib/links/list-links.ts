import "server-only";
import { and, asc, desc, eq, gt, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { keyAvailable, type Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { accessLinks, emailOutbox, type EMAIL_STATUSES } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { ListLinksQuery } from "@/lib/schemas/links";
import { linkState, type LinkState } from "./state";
import { ruleUsage } from "@/lib/access-rules/usage";

export type LinkSummary = {
  id: string;
  guestName: string;
  guestEmail: string | null;
  externalRef: string | null;
  locale: Locale;
  state: LinkState | "pending";
  validFrom: string;
  validUntil: string;
  createdAt: string;
  email: { status: (typeof EMAIL_STATUSES)[number]; lastError: string | null } | null;
  lastUnlockAt: string | null;
  access: ReturnType<typeof ruleUsage>;
  /**
   * False when the link's stored token was sealed with a key no longer configured (dropped from
   * rotation too early): its URL cannot be shown, copied or mailed again until the key is back.
   */
  readable: boolean;
};

/**
 * Totals are counted up to this many and then shown as "1,000+": an exact count(*) reads every
 * matching row, so it grows with the studio, while a capped one stops after the cap.
 */
export const COUNT_CAP = 1_000;

/** The chosen order, with the id last so pages never overlap or skip a row of equal values. */
function sortOrder(sort: ListLinksQuery["sort"]) {
  const descending = sort.startsWith("-");
  const column = {
    created: accessLinks.createdAt,
    guest: accessLinks.guestName,
    validFrom: accessLinks.validFrom,
    validUntil: accessLinks.validUntil,
  }[sort.replace(/^-/, "") as "created" | "guest" | "validFrom" | "validUntil"];
  const by = descending ? desc : asc;
  return [by(column), by(accessLinks.id)];
}

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
export async function listLinks(
  db: Db,
  studioId: string,
  query: ListLinksQuery,
  options: { keyring?: Keyring; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const search = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(accessLinks.studioId, studioId),
    stateCondition(query.state, now),
    // The unique (studio, external_ref) index answers this with one entry.
    query.externalRef ? eq(accessLinks.externalRef, query.externalRef) : undefined,
    // Served by the pg_trgm indexes on both columns (a bitmap OR), not by reading the studio.
    search
      ? or(ilike(accessLinks.guestName, search), ilike(accessLinks.guestEmail, search))
      : undefined,
  );
  const [counted, rows] = await Promise.all([
    cappedCount(db, where),
    db
      .select()
      .from(accessLinks)
      .where(where)
      .orderBy(...sortOrder(query.sort))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
  ]);

  const ids = rows.map((r) => r.id);
  const [emails, unlocks] = ids.length
    ? await Promise.all([
        db
          .selectDistinctOn([emailOutbox.linkId], {
            linkId: emailOutbox.linkId,
            status: emailOutbox.status,
            lastError: emailOutbox.lastError,
          })
          .from(emailOutbox)
          .where(inArray(emailOutbox.linkId, ids))
          .orderBy(emailOutbox.linkId, desc(emailOutbox.createdAt)),
        // One probe per link into the partial index of successful unlocks: the newest entry,
        // never the link's whole history (a busy link has tens of thousands).
        db
          .select({
            linkId: accessLinks.id,
            // Qualified by hand: drizzle prints a one-table query's columns bare, and a bare
            // "id" inside the subquery would be the audit row's own id.
            at: sql<string | null>`(select max(a.created_at) from unlock_audit a
              where a.link_id = "access_links"."id" and a.outcome = 'unlocked')`,
          })
          .from(accessLinks)
          .where(inArray(accessLinks.id, ids)),
      ])
    : [[], []];

  const items: LinkSummary[] = rows.map((link) => {
    const email = emails.find((e) => e.linkId === link.id);
    const lastUnlock = unlocks.find((u) => u.linkId === link.id)?.at;
    const state = linkState(link, now);
    return {
      id: link.id,
      guestName: link.guestName,
      guestEmail: link.guestEmail,
      externalRef: link.externalRef,
      locale: link.locale,
      state: state === "unavailable" ? "pending" : state,
      validFrom: link.validFrom.toISOString(),
      validUntil: link.validUntil.toISOString(),
      createdAt: link.createdAt.toISOString(),
      email: email ? { status: email.status, lastError: email.lastError } : null,
      lastUnlockAt: lastUnlock ? new Date(lastUnlock).toISOString() : null,
      access: ruleUsage(link),
      readable: options.keyring ? keyAvailable(link.tokenCiphertext, options.keyring) : true,
    };
  });
  return {
    items,
    total: counted.total,
    /** True when there are more than `total` (= COUNT_CAP) matching links. */
    totalCapped: counted.capped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * count(*) of the matching links, stopping at COUNT_CAP + 1 rows. Deliberately unordered: the
 * planner may then take the cheapest way to any 1,001 matches — the trigram bitmap for a search
 * (ordering it made PostgreSQL walk the date index and test 40,000 names instead), the
 * valid-until index for "active".
 */
async function cappedCount(db: Db, where: SQL | undefined) {
  const inner = db
    .select({ one: sql`1` })
    .from(accessLinks)
    .where(where)
    .limit(COUNT_CAP + 1);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${inner}) as capped`,
  );
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
