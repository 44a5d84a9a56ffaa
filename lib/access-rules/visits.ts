import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { evaluate, type RuleRefusal } from "./evaluate";
import { effectiveRulesOf, ruleStateOf, type AccessRow } from "./link-rules";

/**
 * Visit counting across instances. A visit is reserved before Kisi is called, by one
 * compare-and-set UPDATE on the link row against the state the rules were evaluated on: of any
 * number of simultaneous taps (on any instance) exactly one reserves the visit, and the others
 * read the row again and find the visit it began — the same visit, not a new one. The
 * reservation is confirmed once Kisi opened the door, or handed back when Kisi refused, so a
 * failed unlock costs the guest nothing.
 */
export type VisitTicket =
  | { kind: "untracked" }
  | { kind: "current"; stamp: Date }
  | { kind: "new"; stamp: Date; firstUse: boolean };

type VisitRow = {
  visits_used: number;
  visit_started_at: string | Date | null;
  first_used_at: string | Date | null;
};
const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));

/** Rounds of "someone else changed the row first" before giving up (each one is a real change). */
const MAX_ROUNDS = 5;

export async function reserveVisit(
  db: Db,
  access: AccessRow,
  now: Date,
): Promise<
  { ok: true; ticket: VisitTicket } | { ok: false; refused: RuleRefusal; nextOpening: Date | null }
> {
  const rules = effectiveRulesOf(access);
  const { timeZone } = access.studio;
  let state = ruleStateOf(access.link);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const verdict = evaluate(rules, timeZone, now, state);
    if (!verdict.allowed)
      return { ok: false, refused: verdict.refused, nextOpening: verdict.nextOpening };
    if (verdict.visit === "untracked") return { ok: true, ticket: { kind: "untracked" } };
    if (verdict.visit === "current")
      return { ok: true, ticket: { kind: "current", stamp: state.visitStartedAt! } };
    const [won] = await queryRows<VisitRow>(
      db,
      sql`update access_links set
            visits_used = visits_used + 1,
            visit_started_at = ${now},
            visit_confirmed = false,
            first_used_at = coalesce(first_used_at, ${now})
          where id = ${access.link.id}
            and visits_used = ${state.visitsUsed}
            and visit_started_at is not distinct from ${state.visitStartedAt}::timestamptz
            and first_used_at is not distinct from ${state.firstUsedAt}::timestamptz
          returning visits_used, visit_started_at, first_used_at`,
    );
    if (won)
      return {
        ok: true,
        ticket: { kind: "new", stamp: now, firstUse: state.firstUsedAt === null },
      };
    const [fresh] = await queryRows<VisitRow>(
      db,
      sql`select visits_used, visit_started_at, first_used_at from access_links
          where id = ${access.link.id}`,
    );
    if (!fresh) return { ok: false, refused: "no_visits_left", nextOpening: null };
    state = {
      ...state,
      visitsUsed: Number(fresh.visits_used),
      visitStartedAt: asDate(fresh.visit_started_at),
      firstUsedAt: asDate(fresh.first_used_at),
    };
  }
  throw new Error("visit reservation kept losing to concurrent changes");
}

/**
 * Kisi opened the door: the visit counts. A tap that rode on a visit whose own first tap was
 * handed back meanwhile (Kisi refused that one, opened this one) is charged the visit itself.
 * Returns true when this visit was the link's first use (the Kisi window is narrowed then).
 */
export async function confirmVisit(db: Db, linkId: string, ticket: VisitTicket): Promise<boolean> {
  if (ticket.kind === "untracked") return false;
  const [confirmed] = await queryRows<{ id: string }>(
    db,
    sql`update access_links set visit_confirmed = true
        where id = ${linkId} and visit_started_at = ${ticket.stamp} returning id`,
  );
  if (confirmed) return ticket.kind === "new" && ticket.firstUse;
  const [charged] = await queryRows<{ first: boolean }>(
    db,
    sql`update access_links set
          visits_used = visits_used + 1,
          visit_started_at = ${ticket.stamp},
          visit_confirmed = true,
          first_used_at = coalesce(first_used_at, ${ticket.stamp})
        where id = ${linkId} and visit_started_at is null
        returning first_used_at = ${ticket.stamp} as first`,
  );
  return Boolean(charged?.first);
}

/** Kisi refused the unlock: the reserved visit (and a first use it began) is handed back. */
export async function releaseVisit(db: Db, linkId: string, ticket: VisitTicket): Promise<void> {
  if (ticket.kind !== "new") return;
  await db.execute(
    sql`update access_links set
          visits_used = visits_used - 1,
          visit_started_at = null,
          visit_confirmed = true,
          first_used_at = case when first_used_at = ${ticket.stamp} then null else first_used_at end
        where id = ${linkId} and visit_started_at = ${ticket.stamp} and not visit_confirmed`,
  );
}
