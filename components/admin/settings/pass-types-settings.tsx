"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { Controller, useWatch, type Control, type FieldValues } from "react-hook-form";
import { useContractForm } from "@/components/api/use-contract-form";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { LinkRules } from "@/lib/access-rules/schema";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { createPassType, deletePassType } from "@/lib/contracts/access-rules";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { Field, inputClass, SaveBar, SettingsSection, StatusLine, TextField } from "./fields";
import { CheckboxRow, rangesFormOf, WeeklyRangesEditor } from "./time-ranges-editor";
import { usePassTypeWords } from "./pass-type-words";
import { useUnsaved } from "./unsaved-changes";
import { useSave, type SaveStatus } from "./use-save";

export type PassTypeView = {
  id: string;
  name: string;
  rules: LinkRules;
  windowMinutes: number;
  locale: string | null;
};

const DAY = 1440;
const HOUR = 60;

/**
 * The studio's pass types: the list (what each one does, in words), a form to add one and a
 * two-step delete. Links keep a copy of their pass type's rules, so deleting one changes no
 * link already issued (the description says so).
 */
export function PassTypesSettings({
  studioId,
  timeZone,
  initial,
}: {
  studioId: string;
  timeZone: string;
  initial: PassTypeView[];
}) {
  const t = useTranslations("AccessRulesUi.passTypes");
  const words = usePassTypeWords(timeZone);
  const [passTypes, setPassTypes] = useState(initial);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });

  async function remove(passType: PassTypeView) {
    setDeleting(true);
    try {
      await callApi(deletePassType, { params: { studioId, passTypeId: passType.id } });
      setPassTypes((list) => list.filter((p) => p.id !== passType.id));
      setStatus({ kind: "saved", message: t("deleted", { name: passType.name }) });
    } catch (error) {
      setStatus({
        kind: "error",
        message: (error instanceof ApiRequestError && error.message) || t("deleteFailed"),
      });
    } finally {
      setDeleting(false);
      setConfirming(null);
    }
  }

  return (
    <SettingsSection id="pass-types" title={t("heading")} description={t("intro")}>
      <div className="space-y-6">
        {passTypes.length === 0 ? (
          <p className="text-ink-muted">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-ink/10" aria-label={t("heading")}>
            {passTypes.map((p) => (
              <li
                key={p.id}
                className="flex flex-wrap items-start justify-between gap-3 py-3"
                data-testid="pass-type"
              >
                <div className="space-y-1">
                  <p className="font-semibold">{p.name}</p>
                  <ul className="text-sm text-ink-muted">
                    {words.describe(p).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
                <div className="flex flex-wrap gap-2">
                  <ConfirmButton
                    confirming={confirming === p.id}
                    onAsk={() => setConfirming(p.id)}
                    onConfirm={() => void remove(p)}
                    label={t("delete")}
                    srSuffix={p.name}
                    confirmLabel={t("deleteConfirm", { name: p.name })}
                    cancel={{ label: t("cancel"), onCancel: () => setConfirming(null) }}
                    disabled={deleting}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
        <StatusLine status={status} />
        <AddPassTypeForm
          studioId={studioId}
          timeZone={timeZone}
          onAdded={(p) =>
            setPassTypes((list) => [...list, p].sort((a, b) => a.name.localeCompare(b.name)))
          }
        />
      </div>
    </SettingsSection>
  );
}

const EMPTY = { name: "", rules: {}, windowMinutes: 14 * DAY } as const;

/** An untouched optional field of the form is null; the schema's "optional" means left out. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}
/** The contract's own schema, after leaving out the empty fields. */
const passTypeForm = z.preprocess(
  withoutNulls,
  createPassType.body,
) as unknown as typeof createPassType.body;

function AddPassTypeForm({
  studioId,
  timeZone,
  onAdded,
}: {
  studioId: string;
  timeZone: string;
  onAdded: (passType: PassTypeView) => void;
}) {
  const t = useTranslations("AccessRulesUi.add");
  const tLang = useTranslations("Languages");
  const tSections = useTranslations("SettingsSections");
  const locale = useLocale();
  const { status, send } = useSave();
  const form = useContractForm(passTypeForm, EMPTY);
  const weekly = useWatch({ control: form.control, name: "rules.weekly" });
  const dirty = form.formState.isDirty;
  useUnsaved(dirty);
  const ranges = rangesFormOf(form);
  const error = ranges.error;

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = await send(
      createPassType,
      { params: { studioId }, body },
      { saving: t("saving"), saved: t("saved", { name: body.name }), failed: t("failed") },
      form.applyServerError,
    );
    if (saved) {
      onAdded(saved);
      form.reset(EMPTY);
    }
  });

  /** A whole number of `unit` minutes in the form, shown and typed in that unit (days, hours). */
  const unitField = (
    name: "windowMinutes" | "rules.validForMinutes" | "rules.visitLimit",
    unit: number,
    id: string,
    label: string,
    hint: string,
  ) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <TextField
          id={id}
          label={label}
          hint={hint}
          error={error(name)}
          type="number"
          inputMode="numeric"
          min={1}
          name={field.name}
          ref={field.ref}
          onBlur={field.onBlur}
          value={typeof field.value === "number" ? String(field.value / unit) : ""}
          onChange={(e) =>
            field.onChange(
              e.target.value === "" ? undefined : Math.round(Number(e.target.value) * unit),
            )
          }
          inputClassName={inputClass}
        />
      )}
    />
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-4 rounded-lg border border-ink/15 p-4 sm:grid-cols-2"
      aria-labelledby="add-pass-type-heading"
    >
      <h3 id="add-pass-type-heading" className="text-lg font-semibold sm:col-span-2">
        {t("heading")}
      </h3>
      <TextField
        id="pass-type-name"
        label={t("name")}
        hint={t("nameHint")}
        error={error("name")}
        {...form.register("name")}
        aria-required
        maxLength={80}
        inputClassName={inputClass}
      />
      {unitField("windowMinutes", DAY, "pass-type-window", t("windowDays"), t("windowHint"))}
      {unitField("rules.visitLimit", 1, "pass-type-visits", t("visitLimit"), t("visitLimitHint"))}
      {unitField(
        "rules.validForMinutes",
        HOUR,
        "pass-type-valid-for",
        t("validForHours"),
        t("validForHint"),
      )}
      <Field id="pass-type-locale" label={t("locale")} error={error("locale")}>
        {(aria) => (
          <select
            {...aria}
            {...form.register("locale", {
              setValueAs: (v: unknown) => (v === "" ? undefined : v),
            })}
            className={inputClass}
          >
            <option value="">{t("localeDefault")}</option>
            {LOCALES.map((l: Locale) => (
              <option key={l} value={l}>
                {tLang(`${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="space-y-3 sm:col-span-2">
        <CheckboxRow
          id="pass-type-ignore-hours"
          label={t("ignoreStudioHours")}
          control={form.control as unknown as Control<FieldValues>}
          name="rules.ignoreStudioHours"
        />
        <div className="flex min-h-11 items-center gap-3">
          <Checkbox
            id="pass-type-weekly"
            checked={weekly !== undefined}
            onCheckedChange={(checked) =>
              form.setValue(
                "rules.weekly",
                checked === true ? [{ day: "mon", from: "07:00", until: "19:00" }] : undefined,
                { shouldDirty: true },
              )
            }
          />
          <label htmlFor="pass-type-weekly">{t("weekly")}</label>
        </div>
        {weekly !== undefined && (
          <WeeklyRangesEditor
            form={ranges}
            path="rules.weekly"
            locale={locale}
            legend={t("weeklyLegend", { zone: timeZone })}
          />
        )}
      </div>
      <SaveBar
        label={t("submit")}
        status={status}
        dirty={dirty}
        unsavedLabel={tSections("unsaved")}
      />
    </form>
  );
}
