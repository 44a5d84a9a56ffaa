"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { buttonClass } from "@/components/ui/button";
import { useApiPages } from "@/components/api/use-api";
import { ShowOlder } from "@/components/ui/cursor-list";
import { ListStatus } from "@/components/ui/feedback";
import { inlineControlClass, SelectField, smallLabelClass } from "@/components/ui/field";
import { STAFF_CHANGE_KINDS } from "@/lib/schemas/staff-audit";
import { staffAudit } from "@/lib/contracts/audit";
import type { Result } from "@/lib/contracts/define";

type StaffAuditEntry = Result<typeof staffAudit>["items"][number];

type Props = {
  studioId: string;
  timeZone: string;
  actors: { userId: string; name: string | null }[];
};

/** The staff audit, newest first: filter by kind and person, page back, export what is shown. */
export function StaffAuditList({ studioId, timeZone, actors }: Props) {
  const t = useTranslations("StaffAudit");
  const format = useFormatter();
  const [kind, setKind] = useState("");
  const [actor, setActor] = useState("");
  const base = `/api/studios/${studioId}/staff-audit`;
  const { data, error, isLoading, items, hasMore, loadMore, reset } = useApiPages(
    staffAudit,
    { studioId },
    { kind, actor },
  );
  const exportParams = new URLSearchParams(
    Object.entries({ kind, actor }).filter(([, v]) => v),
  ).toString();

  // Labels for codes the catalogue knows; a code it does not (a newer server) shows as it is.
  const label = (group: "kinds" | "actions" | "fields", code: string) => {
    const key = `${group}.${code}` as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : code;
  };
  const value = (v: unknown) =>
    v === null || v === undefined || v === ""
      ? t("noValue")
      : typeof v === "string"
        ? v
        : JSON.stringify(v);
  const who = (entry: StaffAuditEntry) =>
    entry.actor.kind === "system"
      ? t("system")
      : entry.actor.kind === "api_token"
        ? t("apiToken", { name: entry.actor.name ?? "" })
        : (entry.actor.name ?? t("unknownPerson"));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          id="staff-audit-kind"
          label={t("kindFilter")}
          labelClassName={smallLabelClass}
          selectClassName={inlineControlClass}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            reset();
          }}
        >
          <option value="">{t("all")}</option>
          {STAFF_CHANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {label("kinds", k)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="staff-audit-actor"
          label={t("actorFilter")}
          labelClassName={smallLabelClass}
          selectClassName={inlineControlClass}
          value={actor}
          onChange={(e) => {
            setActor(e.target.value);
            reset();
          }}
        >
          <option value="">{t("all")}</option>
          {actors.map((a) => (
            <option key={a.userId} value={a.userId}>
              {a.name ?? t("unknownPerson")}
            </option>
          ))}
          <option value="api_token">{t("kinds.api_token")}</option>
          <option value="system">{t("system")}</option>
        </SelectField>
        <a
          href={`${base}/export${exportParams ? `?${exportParams}` : ""}`}
          download
          className={buttonClass("secondary")}
        >
          {t("export")}
        </a>
      </div>
      <ListStatus
        error={error}
        loading={isLoading && !data}
        empty={Boolean(data && items.length === 0)}
        messages={{ failed: t("loadFailed"), loading: t("loading"), empty: t("empty") }}
      />
      {items.length > 0 && (
        <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
          {items.map((entry) => (
            <li key={entry.id} className="space-y-1 p-4" data-kind={entry.kind}>
              <p className="flex flex-wrap gap-x-4 text-sm">
                <time dateTime={entry.at}>
                  {format.dateTime(new Date(entry.at), {
                    dateStyle: "medium",
                    timeStyle: "medium",
                    timeZone,
                  })}
                </time>
                <span className="font-semibold">{who(entry)}</span>
                {entry.ipHash && (
                  <span className="text-ink-muted">
                    {t("from", { hash: entry.ipHash.slice(0, 8) })}
                  </span>
                )}
              </p>
              <p>
                <span className="font-medium">{label("kinds", entry.kind)}</span>
                {" · "}
                {label("actions", entry.action)}
                {entry.subject && (
                  <>
                    {" · "}
                    <span className="break-all">
                      {entry.kind === "door" ? t("door", { id: entry.subject }) : entry.subject}
                    </span>
                  </>
                )}
              </p>
              {Object.keys(entry.changes).length > 0 && (
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  {Object.entries(entry.changes).map(([field, change]) => (
                    <div key={field} className="contents">
                      <dt className="text-ink-muted">{label("fields", field)}</dt>
                      <dd className="break-all">
                        <del className="text-ink-muted">{value(change.before)}</del>
                        {" → "}
                        <ins className="no-underline">{value(change.after)}</ins>
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ul>
      )}
      <ShowOlder hasMore={hasMore} onClick={loadMore} label={t("showOlder")} />
    </div>
  );
}
