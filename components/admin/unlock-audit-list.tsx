"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { CloudOff, DoorOpen, ShieldX } from "lucide-react";
import { useState } from "react";

import { useApiPages } from "@/components/api/use-api";
import { ShowOlder } from "@/components/ui/cursor-list";
import { isOutage } from "@/lib/audit/outages";
import { studioActivity } from "@/lib/contracts/audit";
import { linkAudit } from "@/lib/contracts/links";
import { Badge } from "@/components/ui/badge";
import { ListStatus } from "@/components/ui/feedback";
import { inlineControlClass, SelectField, smallLabelClass } from "@/components/ui/field";

type Props = {
  studioId: string;
  timeZone: string;
  /** One link's attempts; without it, the whole studio's (with a link to each one's detail). */
  linkId?: string;
  refreshMs?: number;
};

/** Unlock attempts, newest first, with "show older" paging and an allowed/denied filter. */
export function UnlockAuditList({ studioId, timeZone, linkId, refreshMs = 0 }: Props) {
  const t = useTranslations("AuditList");
  const outcomes = useTranslations("AuditOutcomes");
  const format = useFormatter();
  const [outcome, setOutcome] = useState("");
  // One link's attempts or the whole studio's: two contracts, one page shape.
  const { data, error, isLoading, items, hasMore, loadMore, reset } = useApiPages(
    linkId ? linkAudit : studioActivity,
    linkId ? { studioId, linkId } : { studioId },
    { outcome },
    { refreshInterval: refreshMs, revalidateFirstPage: true },
  );
  const label = (code: string) =>
    outcomes.has(code as Parameters<typeof outcomes>[0])
      ? outcomes(code as Parameters<typeof outcomes>[0])
      : outcomes("other");
  const filterId = linkId ? `audit-filter-${linkId}` : "activity-filter";

  return (
    <div className="space-y-3">
      <SelectField
        id={filterId}
        label={t("filter")}
        labelClassName={smallLabelClass}
        selectClassName={inlineControlClass}
        value={outcome}
        onChange={(e) => {
          setOutcome(e.target.value);
          reset();
        }}
      >
        <option value="">{t("filters.all")}</option>
        <option value="allowed">{t("filters.allowed")}</option>
        <option value="denied">{t("filters.denied")}</option>
      </SelectField>
      <ListStatus
        error={error}
        loading={isLoading && !data}
        empty={Boolean(data && items.length === 0)}
        messages={{ failed: t("loadFailed"), loading: t("loading"), empty: t("empty") }}
      />
      {items.length > 0 && (
        <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
          {items.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center gap-x-6 gap-y-1 p-4">
              <p className="min-w-44 text-sm">
                <time dateTime={entry.at}>
                  {format.dateTime(new Date(entry.at), {
                    dateStyle: "medium",
                    timeStyle: "medium",
                    timeZone,
                  })}
                </time>
              </p>
              {!linkId && (
                <p className="min-w-40 font-semibold">
                  {entry.linkId && entry.guestName ? (
                    <Link
                      href={`/dashboard/studios/${studioId}/links/${entry.linkId}`}
                      className="text-brand-text underline underline-offset-4"
                    >
                      {entry.guestName}
                    </Link>
                  ) : (
                    t("unknownGuest")
                  )}
                </p>
              )}
              <p className="min-w-32 text-sm">
                {entry.doorName ?? (entry.lockId !== null ? t("door", { id: entry.lockId }) : "—")}
              </p>
              <p className="min-w-56">
                {entry.allowed ? (
                  <Badge tone="success" icon={<DoorOpen aria-hidden="true" className="size-3.5" />}>
                    {t("allowed")}
                  </Badge>
                ) : isOutage(entry.outcome) ? (
                  <Badge tone="warning" icon={<CloudOff aria-hidden="true" className="size-3.5" />}>
                    {t("notOpened")}
                  </Badge>
                ) : (
                  <Badge tone="danger" icon={<ShieldX aria-hidden="true" className="size-3.5" />}>
                    {t("denied")}
                  </Badge>
                )}{" "}
                <span className="text-sm">{label(entry.outcome)}</span>
              </p>
              {(entry.distanceM !== null || entry.accuracyM !== null) && (
                <p className="text-sm text-ink-muted">
                  {[
                    entry.distanceM !== null &&
                      t("distance", { meters: Math.round(entry.distanceM) }),
                    entry.accuracyM !== null &&
                      t("accuracy", { meters: Math.round(entry.accuracyM) }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <ShowOlder hasMore={hasMore} onClick={loadMore} label={t("more")} />
    </div>
  );
}
