"use client";

import { useTranslations } from "next-intl";
import type { AccessView } from "@/lib/access/view";
import { describeWeekly } from "@/lib/access-rules/describe";
import { formatDurationShort, formatGuestDateTime } from "@/lib/time/guest-dates";
import { Icon } from "./icons";

/**
 * What the link's access rules mean for the guest, in their language: the schedule and the next
 * opening, closures, visits left, a validity that runs from the first entry. The doors
 * themselves show "opens in …" until the next opening (door-availability.ts).
 */
export function RuleNotice({
  rules,
  locale,
  timeZone,
  now,
}: {
  rules: NonNullable<AccessView["rules"]>;
  locale: string;
  timeZone: string;
  now: number;
}) {
  const t = useTranslations("Rules");
  const lines: string[] = [];
  const next = rules.nextOpening ? Date.parse(rules.nextOpening) : null;
  const openNow = next !== null && next <= now && rules.refused !== "no_visits_left";
  if (rules.closedToday)
    lines.push(
      rules.closedToday.label
        ? t("closedTodayBecause", { label: rules.closedToday.label })
        : t("closedToday"),
    );
  if (rules.weekly?.length) {
    const schedule = describeWeekly(rules.weekly, locale, timeZone);
    lines.push(
      !openNow && next !== null && rules.refused === "outside_hours"
        ? t("opensWithNext", {
            schedule,
            next: formatGuestDateTime(new Date(next), locale, timeZone, new Date(now)),
          })
        : t("opens", { schedule }),
    );
  } else if (!openNow && next !== null && rules.refused === "outside_hours")
    lines.push(
      t("nextOpening", {
        next: formatGuestDateTime(new Date(next), locale, timeZone, new Date(now)),
      }),
    );
  if (rules.refused === "outside_hours" && next === null) lines.push(t("noMoreOpenings"));
  if (rules.visitsLeft !== null)
    lines.push(
      rules.visitsLeft === 0 && !rules.inVisit
        ? t("noVisitsLeft")
        : t("visitsLeft", { count: rules.visitsLeft }),
    );
  if (rules.validForMinutes !== null) {
    const duration = formatDurationShort(rules.validForMinutes * 60_000, locale);
    if (rules.refused === "first_use_expired") lines.push(t("firstUseOver", { duration }));
    else if (rules.firstUsedAt)
      lines.push(
        t("validUntil", {
          until: formatGuestDateTime(
            new Date(rules.effectiveUntil),
            locale,
            timeZone,
            new Date(now),
          ),
        }),
      );
    else lines.push(t("validFromFirstEntry", { duration }));
  }
  if (lines.length === 0) return null;
  return (
    <section
      aria-label={t("heading")}
      data-testid="rule-notice"
      data-refused={rules.refused ?? ""}
      className="flex gap-3 rounded-2xl border-2 border-ink/20 px-4 py-3"
    >
      <Icon name="clock" className="mt-0.5 size-5 shrink-0" />
      <ul className="space-y-1">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
