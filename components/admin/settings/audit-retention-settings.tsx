"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useContractForm } from "@/components/api/use-contract-form";
import { AUDIT_RETENTION_MONTHS } from "@/lib/audit/schemas";
import { setAuditRetention } from "@/lib/contracts/audit";
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
  const { status, send } = useSave();
  const [current, setCurrent] = useState(months);
  const form = useContractForm(setAuditRetention.body, { months });

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = await send(
      setAuditRetention,
      { params: { studioId }, body },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
      form.applyServerError,
    );
    if (saved) setCurrent(saved.months);
  });

  const describe = (m: number | null) => (m === null ? t("keepAll") : t("months", { count: m }));
  return (
    <SettingsSection id="audit-retention" title={t("heading")} description={t("description")}>
      {canChange ? (
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
          <Field
            id="audit-retention-months"
            label={t("label")}
            hint={t("hint")}
            error={form.message(form.formState.errors.months?.message)}
          >
            {(aria) => (
              <select
                {...aria}
                {...form.register("months", {
                  // "" is "keep everything": null in the body.
                  setValueAs: (v: string | number | null) =>
                    v === "" || v === null ? null : Number(v),
                })}
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
