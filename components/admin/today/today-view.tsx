import { AlertTriangle, CalendarClock, DoorOpen, MailX, ShieldX } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { isOutage } from "@/lib/audit/outages";
import type { StudioToday } from "@/lib/schemas/today";
import { OnboardingChecklist } from "./onboarding-checklist";

/**
 * A studio's day at a glance for the front desk: who is expected, who got in, who was refused
 * and why, which emails failed. Every row is a link to the guest's link page. Times are the
 * studio's clock (labelled with its zone), whatever the reader's computer is set to.
 */
export async function TodayView({
  studioId,
  today,
  canManage,
  email,
}: {
  studioId: string;
  today: StudioToday;
  canManage: boolean;
  email: string;
}) {
  const t = await getTranslations("Today");
  const tOutcome = await getTranslations("AuditOutcomes");
  const format = await getFormatter();
  const { timeZone } = today;
  const time = (iso: string) => (
    <time dateTime={iso}>{format.dateTime(new Date(iso), { timeStyle: "short", timeZone })}</time>
  );
  const linkHref = (linkId: string) => `/dashboard/studios/${studioId}/links/${linkId}`;
  const guest = (linkId: string | null, name: string | null) =>
    linkId && name ? (
      <Link
        href={linkHref(linkId)}
        className="font-medium text-brand-text underline underline-offset-4"
      >
        {name}
      </Link>
    ) : (
      <span className="font-medium">{t("unknownGuest")}</span>
    );
  const outcome = (code: string) =>
    tOutcome.has(code as never) ? tOutcome(code as never) : tOutcome("other");
  const showChecklist = today.onboarding.steps.some((s) => s.state !== "done");

  return (
    <div className="space-y-6">
      <p className="text-sm text-ink-muted">
        {t("dayLabel", {
          date: format.dateTime(new Date(today.day.from), { dateStyle: "full", timeZone }),
          zone: timeZone,
        })}
      </p>
      {showChecklist && (
        <OnboardingChecklist
          studioId={studioId}
          onboarding={today.onboarding}
          canManage={canManage}
          email={email}
        />
      )}
      <dl className="grid grid-cols-3 gap-3">
        {(
          [
            ["expected", today.counts.expected],
            ["opened", today.counts.opened],
            ["refused", today.counts.refused],
          ] as const
        ).map(([key, n]) => (
          <div key={key} className="rounded-xl border border-ink/15 p-3">
            <dt className="text-sm text-ink-muted">{t(`counts.${key}`)}</dt>
            <dd className="text-2xl font-bold tabular-nums">{n}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-2">
        <TodayList
          id="expected"
          icon={<CalendarClock aria-hidden="true" className="size-5" />}
          title={t("expected.heading")}
          empty={t("expected.empty")}
          more={
            today.counts.expected > today.expected.length
              ? t("more", { n: today.counts.expected - today.expected.length })
              : null
          }
        >
          {today.expected.map((e) => (
            <li key={e.linkId} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
              <span className="min-w-40 flex-1">{guest(e.linkId, e.guestName)}</span>
              <span className="text-sm tabular-nums">
                {time(e.validFrom)}–{time(e.validUntil)}
              </span>
              {e.openedToday ? (
                <Badge tone="success">{t("expected.arrived")}</Badge>
              ) : e.state === "active" ? (
                <Badge tone="info">{t("expected.active")}</Badge>
              ) : (
                <Badge tone="neutral">{t("expected.later")}</Badge>
              )}
            </li>
          ))}
        </TodayList>
        <TodayList
          id="opened"
          icon={<DoorOpen aria-hidden="true" className="size-5" />}
          title={t("opened.heading")}
          empty={t("opened.empty")}
          more={
            today.counts.opened > today.opened.length
              ? t("more", { n: today.counts.opened - today.opened.length })
              : null
          }
        >
          {today.opened.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
              <span className="w-14 text-sm tabular-nums">{time(e.at)}</span>
              <span className="min-w-40 flex-1">{guest(e.linkId, e.guestName)}</span>
              <span className="text-sm text-ink-muted">
                {e.doorName ?? (e.lockId !== null ? t("door", { id: e.lockId }) : "")}
              </span>
            </li>
          ))}
        </TodayList>
        <TodayList
          id="refusals"
          icon={<ShieldX aria-hidden="true" className="size-5" />}
          title={t("refusals.heading")}
          empty={t("refusals.empty")}
          more={
            today.counts.refused > today.refusals.length
              ? t("more", { n: today.counts.refused - today.refusals.length })
              : null
          }
        >
          {today.refusals.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
              <span className="w-14 text-sm tabular-nums">{time(e.at)}</span>
              <span className="min-w-40 flex-1">{guest(e.linkId, e.guestName)}</span>
              {isOutage(e.outcome) ? (
                <Badge
                  tone="warning"
                  icon={<AlertTriangle aria-hidden="true" className="size-3.5" />}
                >
                  {outcome(e.outcome)}
                </Badge>
              ) : (
                <Badge tone="danger" icon={<ShieldX aria-hidden="true" className="size-3.5" />}>
                  {outcome(e.outcome)}
                </Badge>
              )}
            </li>
          ))}
        </TodayList>
        <TodayList
          id="failed-emails"
          icon={<MailX aria-hidden="true" className="size-5" />}
          title={t("failedEmails.heading")}
          empty={t("failedEmails.empty")}
          more={null}
        >
          {today.failedEmails.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
              <span className="min-w-40 flex-1">{guest(e.linkId, e.guestName)}</span>
              <Badge tone="danger" icon={<MailX aria-hidden="true" className="size-3.5" />}>
                {t(`failedEmails.${e.status}`)}
              </Badge>
              <span className="text-sm text-ink-muted">
                {format.dateTime(new Date(e.at), {
                  dateStyle: "short",
                  timeStyle: "short",
                  timeZone,
                })}
              </span>
            </li>
          ))}
        </TodayList>
      </div>
    </div>
  );
}

function TodayList({
  id,
  icon,
  title,
  empty,
  more,
  children,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  empty: string;
  more: string | null;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <h2 id={`${id}-heading`} className="flex items-center gap-2 text-lg font-semibold">
        {icon}
        {title}
      </h2>
      {children.length === 0 ? (
        <p className="rounded-xl border border-dashed border-ink/20 p-3 text-ink-muted">{empty}</p>
      ) : (
        <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">{children}</ul>
      )}
      {more && <p className="text-sm text-ink-muted">{more}</p>}
    </section>
  );
}
