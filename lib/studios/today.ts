import "server-only";
import { and, count, desc, eq, gt, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { auditDoorNamer } from "@/lib/audit/door-names";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox, type studios, unlockAudit } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { linkState } from "@/lib/links/state";
import type { StudioToday } from "@/lib/schemas/today";
import { parseZonedLocal, zonedDate } from "@/lib/time/zoned-time";
import { studioOnboarding } from "./onboarding";

type StudioRow = typeof studios.$inferSelect;

/** How many of each list the page shows: a glance, not the audit (which pages further). */
const LIMIT = 25;
/** A failed email is worth a look for a week; after that the guest's visit has passed. */
const FAILED_EMAIL_DAYS = 7;

/** The studio's calendar day around `now`: from its midnight to the next (23 or 25 h on a DST day). */
export function studioDay(timeZone: string, now: Date): { date: string; from: Date; until: Date } {
  const date = zonedDate(now, timeZone);
  const from = parseZonedLocal(`${date} 00:00`, timeZone)!;
  // Noon of the day plus 24 h is always on the next calendar day, whatever the clocks do.
  const next = zonedDate(new Date(from.getTime() + 36 * 3_600_000), timeZone);
  const until = parseZonedLocal(`${next} 00:00`, timeZone)!;
  return { date, from, until };
}

/** A studio's today (GET /api/studios/{id}/today): reads only, no Kisi call. */
export async function studioToday(
  db: Db,
  studio: StudioRow,
  now: Date,
  locale?: Locale,
): Promise<StudioToday> {
  const day = studioDay(studio.timeZone, now);
  const linkOfStudio = and(
    eq(accessLinks.id, unlockAudit.linkId),
    eq(accessLinks.studioId, studio.id),
  );
  const todaysAttempts = (allowed: boolean) =>
    and(
      eq(unlockAudit.studioId, studio.id),
      eq(unlockAudit.allowed, allowed),
      gte(unlockAudit.createdAt, day.from),
      lt(unlockAudit.createdAt, day.until),
    );
  // Today's attempts, allowed or refused, newest first, with their link's guest (if any).
  const attempts = (allowed: boolean) =>
    db
      .select({
        id: unlockAudit.id,
        at: unlockAudit.createdAt,
        linkId: unlockAudit.linkId,
        guestName: accessLinks.guestName,
        lockId: unlockAudit.kisiLockId,
        outcome: unlockAudit.outcome,
      })
      .from(unlockAudit)
      .leftJoin(accessLinks, linkOfStudio)
      .where(todaysAttempts(allowed))
      .orderBy(desc(unlockAudit.createdAt), desc(unlockAudit.id))
      .limit(LIMIT);
  // Expected today: issued, not over yet, and starting before the day ends.
  const expectedWhere = and(
    eq(accessLinks.studioId, studio.id),
    eq(accessLinks.status, "issued"),
    gt(accessLinks.validUntil, now),
    lt(accessLinks.validFrom, day.until),
  );
  const [
    onboarding,
    expectedRows,
    [expectedCount],
    openedRows,
    [openedCount],
    refusedRows,
    [refusedCount],
    failedRows,
    doorName,
  ] = await Promise.all([
    studioOnboarding(db, studio),
    db
      .select({
        id: accessLinks.id,
        guestName: accessLinks.guestName,
        status: accessLinks.status,
        validFrom: accessLinks.validFrom,
        validUntil: accessLinks.validUntil,
        // Qualified by hand: drizzle prints a one-table query's columns bare, and a bare
        // "id" inside the subquery would be the audit row's own id.
        openedToday: sql<boolean>`exists (select 1 from unlock_audit a
          where a.link_id = "access_links"."id" and a.allowed
          and a.created_at >= ${day.from.toISOString()}::timestamptz)`,
      })
      .from(accessLinks)
      .where(expectedWhere)
      .orderBy(accessLinks.validFrom, accessLinks.id)
      .limit(LIMIT),
    db.select({ n: count() }).from(accessLinks).where(expectedWhere),
    attempts(true),
    db.select({ n: count() }).from(unlockAudit).where(todaysAttempts(true)),
    attempts(false),
    db.select({ n: count() }).from(unlockAudit).where(todaysAttempts(false)),
    db
      .select({
        id: emailOutbox.id,
        at: emailOutbox.updatedAt,
        linkId: emailOutbox.linkId,
        guestName: accessLinks.guestName,
        status: emailOutbox.status,
      })
      .from(emailOutbox)
      .innerJoin(
        accessLinks,
        and(eq(accessLinks.id, emailOutbox.linkId), eq(accessLinks.studioId, studio.id)),
      )
      .where(
        and(
          eq(emailOutbox.studioId, studio.id),
          eq(emailOutbox.kind, "access_link"),
          isNotNull(emailOutbox.linkId),
          inArray(emailOutbox.status, ["failed", "dead"]),
          gte(emailOutbox.updatedAt, new Date(now.getTime() - FAILED_EMAIL_DAYS * 86_400_000)),
        ),
      )
      .orderBy(desc(emailOutbox.updatedAt), desc(emailOutbox.id))
      .limit(LIMIT),
    auditDoorNamer(db, studio.id, locale),
  ]);
  return {
    timeZone: studio.timeZone,
    day: { date: day.date, from: day.from.toISOString(), until: day.until.toISOString() },
    onboarding,
    expected: expectedRows.map((r) => ({
      linkId: r.id,
      guestName: r.guestName,
      validFrom: r.validFrom.toISOString(),
      validUntil: r.validUntil.toISOString(),
      state: linkState(r, now) === "active" ? ("active" as const) : ("scheduled" as const),
      openedToday: Boolean(r.openedToday),
    })),
    opened: openedRows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      linkId: r.linkId,
      guestName: r.guestName,
      lockId: r.lockId,
      doorName: r.lockId === null ? null : doorName(r.lockId),
    })),
    refusals: refusedRows.map(({ lockId: _lockId, ...r }) => ({ ...r, at: r.at.toISOString() })),
    failedEmails: failedRows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      linkId: r.linkId!,
      guestName: r.guestName,
      status: r.status as "failed" | "dead",
    })),
    counts: {
      expected: expectedCount?.n ?? 0,
      opened: openedCount?.n ?? 0,
      refused: refusedCount?.n ?? 0,
    },
  };
}

/** Per studio, for the studio list: links active now and doors opened in the studio's today. */
export async function studioListFigures(
  db: Db,
  rows: readonly Pick<StudioRow, "id" | "timeZone">[],
  now: Date,
): Promise<Map<string, { activeLinks: number; unlocksToday: number }>> {
  const figures = await Promise.all(
    rows.map(async (studio) => {
      const day = studioDay(studio.timeZone, now);
      const [[active], [unlocks]] = await Promise.all([
        db
          .select({ n: count() })
          .from(accessLinks)
          .where(
            and(
              eq(accessLinks.studioId, studio.id),
              eq(accessLinks.status, "issued"),
              lt(accessLinks.validFrom, now),
              gt(accessLinks.validUntil, now),
            ),
          ),
        db
          .select({ n: count() })
          .from(unlockAudit)
          .where(
            and(
              eq(unlockAudit.studioId, studio.id),
              eq(unlockAudit.allowed, true),
              gte(unlockAudit.createdAt, day.from),
              lt(unlockAudit.createdAt, day.until),
            ),
          ),
      ]);
      return [studio.id, { activeLinks: active?.n ?? 0, unlocksToday: unlocks?.n ?? 0 }] as const;
    }),
  );
  return new Map(figures);
}
