import { zonedDate } from "@/lib/time/zoned-time";
import {
  applicableHours,
  evaluate,
  effectiveUntil,
  inCurrentVisit,
  type EffectiveRules,
  type RuleLinkState,
  type RuleRefusal,
} from "./evaluate";
import type { WeeklyRange } from "./schema";

/**
 * What the guest page shows of the rules (pure; part of GET /api/access/doors). The page words
 * it in the guest's language (components/access/rule-notice.tsx) and keeps doors unavailable
 * until `nextOpening`, switching them on then without a reload. No counts of other guests, no
 * studio internals: only what applies to this link.
 */
export type GuestRules = {
  /** The weekly ranges that apply (the link's own, else the studio's), for "Opens Mon–Fri …". */
  weekly: WeeklyRange[] | null;
  openNow: boolean;
  /** When the doors open next (now when open); null when they never will within the window. */
  nextOpening: string | null;
  /** Why a tap would be refused now, or null. */
  refused: RuleRefusal | null;
  /** Today (in the studio's zone) is closed by an exception: its label, if it has one. */
  closedToday: { label: string | null } | null;
  visitsLeft: number | null;
  /** Inside a visit already begun: more doors and double taps are free until it ends. */
  inVisit: boolean;
  validForMinutes: number | null;
  firstUsedAt: string | null;
  effectiveUntil: string;
};

export function guestRules(
  rules: EffectiveRules,
  timeZone: string,
  now: Date,
  link: RuleLinkState,
): GuestRules | null {
  const schedules = applicableHours(rules);
  const hasRules =
    schedules.length > 0 ||
    rules.link?.visitLimit !== undefined ||
    rules.link?.validForMinutes !== undefined;
  if (!hasRules) return null;
  const verdict = evaluate(rules, timeZone, now, link);
  const next = verdict.allowed
    ? now
    : verdict.refused === "outside_hours"
      ? verdict.nextOpening
      : null;
  const today = zonedDate(now, timeZone);
  const exception =
    rules.studioHours && !rules.link?.ignoreStudioHours
      ? rules.studioHours.exceptions.find((e) => e.date === today)
      : undefined;
  const visitLimit = rules.link?.visitLimit;
  return {
    weekly: rules.link?.weekly ?? (schedules[0]?.weekly as WeeklyRange[] | undefined) ?? null,
    openNow: verdict.allowed,
    nextOpening: next?.toISOString() ?? null,
    refused: verdict.allowed ? null : verdict.refused,
    closedToday:
      exception && exception.ranges.length === 0 ? { label: exception.label ?? null } : null,
    visitsLeft: visitLimit === undefined ? null : Math.max(0, visitLimit - link.visitsUsed),
    inVisit: inCurrentVisit(link, rules.visitMinutes, now),
    validForMinutes: rules.link?.validForMinutes ?? null,
    firstUsedAt: link.firstUsedAt?.toISOString() ?? null,
    effectiveUntil: effectiveUntil(rules.link, link).toISOString(),
  };
}
