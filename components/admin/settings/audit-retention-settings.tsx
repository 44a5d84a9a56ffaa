"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AUDIT_RETENTION_MONTHS } from "@/lib/audit/schemas";
import { Field, inputClass, SaveBar, SettingsSection } from "./fields";
import { useSave } from "./use-save";

/**
 * How long the organization keeps its unlock audit (owners choose; managers see it), and the
 * audit of this studio as CSV, to keep before older attempts are pruned.
 */
export function AuditRetentionSettings({
  studioId,
  months,
  canChange,
}: {
  studioId: string;
  months: number | null;
  canChange: boolean;
}) {
  const t = useTranslations("AuditRetention");
  const { status, errors, send } = useSave();
  const [current, setCurrent] = useState(months);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("months") ?? "");
    const saved = await send<{ months: number | null }>(
      `/api/studios/${studioId}/audit-retention`,
      { method: "PUT", json: { months: value === "" ? null : Number(value) } },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
    );
    if (saved) setCurrent(saved.months);
  }

  const describe = (m: number | null) => (m === null ? t("keepAll") : t("months", { count: m }));
  return (
    <SettingsSection id="audit-retention" title={t("heading")} description={t("description")}>
      {canChange ? (
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
          <Field
            id="audit-retention-months"
            label={t("label")}
            hint={t("hint")}
            error={errors.months}
          >
            {(aria) => (
              <select
                {...aria}
                name="months"
                defaultValue={current === null ? "" : String(current)}
                className={inputClass}
              >
                <option value="">{t("keepAll")}</option>
                {AUDIT_RETENTION_MONTHS.map((m) => (
                  <option key={m} value={m}>
                    {t("months", { count: m })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SaveBar label={t("save")} status={status} />
        </form>
      ) : (
        <p>{t("current", { value: describe(current) })}</p>
      )}
      <p>
        <a
          href={`/api/studios/${studioId}/activity/export`}
          download
          className="inline-flex min-h-11 items-center rounded-lg border border-ink/30 px-4 font-medium underline-offset-4 hover:underline"
        >
          {t("export")}
        </a>
      </p>
    </SettingsSection>
  );
}
