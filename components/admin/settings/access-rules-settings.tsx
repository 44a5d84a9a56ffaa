"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { useContractForm } from "@/components/api/use-contract-form";
import { buttonClass } from "@/components/ui/button";
import type { StudioHours } from "@/lib/access-rules/schema";
import { updateStudioRules } from "@/lib/contracts/access-rules";
import { inputClass, SaveBar, SettingsSection, TextField } from "./fields";
import {
  DateRangesEditor,
  rangesFormOf,
  WeeklyRangesEditor,
  type RangesForm,
} from "./time-ranges-editor";
import { useUnsaved } from "./unsaved-changes";
import { useSave } from "./use-save";

export type StudioRulesView = {
  timeZone: string;
  openingHours: StudioHours | null;
  visitMinutes: number | null;
  effectiveVisitMinutes: number;
};

/** A new studio's hours when someone turns them on: weekdays 07:00–21:00, to edit from. */
const STARTING_HOURS: StudioHours = {
  weekly: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({
    day,
    from: "07:00",
    until: "21:00",
  })),
  exceptions: [],
};

/**
 * The studio's opening hours (weekly, several ranges a day, past midnight), its dated
 * exceptions (closed, or special hours) and the visit length, saved together with
 * `PUT …/rules` and validated by that contract's schema. "Always open" (null) is the default:
 * hours edited before switching back to it are kept in the form until the page is left, so a
 * mis-click costs nothing.
 */
export function AccessRulesSettings({
  studioId,
  initial,
  classMinutes,
}: {
  studioId: string;
  initial: StudioRulesView;
  classMinutes: number;
}) {
  const t = useTranslations("AccessRulesUi");
  const tSections = useTranslations("SettingsSections");
  const locale = useLocale();
  const { status, send } = useSave();
  const defaults = { openingHours: initial.openingHours, visitMinutes: initial.visitMinutes };
  const form = useContractForm(updateStudioRules.body, defaults);
  const hours = useWatch({ control: form.control, name: "openingHours" });
  const lastHours = useRef<StudioHours>(initial.openingHours ?? STARTING_HOURS);
  const dirty = form.formState.isDirty;
  useUnsaved(dirty);

  const ranges = rangesFormOf(form);

  const setAlwaysOpen = (always: boolean) => {
    if (always) {
      const current = form.getValues("openingHours");
      if (current) lastHours.current = { ...current, exceptions: current.exceptions ?? [] };
      form.setValue("openingHours", null, { shouldDirty: true });
    } else form.setValue("openingHours", lastHours.current, { shouldDirty: true });
  };

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = await send(
      updateStudioRules,
      { params: { studioId }, body },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
      form.applyServerError,
    );
    if (saved) form.reset({ openingHours: saved.openingHours, visitMinutes: saved.visitMinutes });
  });

  return (
    <SettingsSection id="access-rules" title={t("hours.heading")} description={t("hours.intro")}>
      <form onSubmit={onSubmit} noValidate className="grid gap-5 sm:grid-cols-2">
        <p className="text-sm font-medium sm:col-span-2" data-testid="rules-time-zone">
          {t("timeZone", { zone: initial.timeZone })}
        </p>
        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="font-medium">{t("hours.mode")}</legend>
          {(
            [
              ["always", true],
              ["set", false],
            ] as const
          ).map(([key, always]) => (
            <label key={key} className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name="hours-mode"
                className="size-5"
                checked={(hours === null || hours === undefined) === always}
                onChange={() => setAlwaysOpen(always)}
              />
              {t(`hours.${key}`)}
            </label>
          ))}
        </fieldset>
        {hours && (
          <div className="space-y-6 sm:col-span-2">
            <WeeklyRangesEditor
              form={ranges}
              path="openingHours.weekly"
              locale={locale}
              legend={t("hours.weekly", { zone: initial.timeZone })}
            />
            <ExceptionsEditor form={ranges} locale={locale} timeZone={initial.timeZone} />
          </div>
        )}
        <TextField
          id="rules-visit-minutes"
          label={t("visit.label")}
          hint={t("visit.hint", { minutes: classMinutes })}
          error={form.message(form.formState.errors.visitMinutes?.message)}
          {...form.register("visitMinutes", {
            setValueAs: (v: unknown) => (v === "" || v === null ? null : Number(v)),
          })}
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          placeholder={String(classMinutes)}
          inputClassName={inputClass}
        />
        <SaveBar
          label={t("save")}
          status={status}
          dirty={dirty}
          unsavedLabel={tSections("unsaved")}
        />
      </form>
    </SettingsSection>
  );
}

/** Dated exceptions: a date, an optional reason the guests see, and its ranges (none = closed). */
function ExceptionsEditor({
  form,
  locale,
  timeZone,
}: {
  form: RangesForm;
  locale: string;
  timeZone: string;
}) {
  const t = useTranslations("AccessRulesUi.exceptions");
  const { fields, append, remove } = useFieldArray({
    control: form.control,
    name: "openingHours.exceptions",
  });
  const values = useWatch({ control: form.control, name: "openingHours.exceptions" }) as
    { date?: string }[] | undefined;
  const dateLabel = (date: string | undefined, index: number) => {
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date))
      return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date(`${date}T00:00:00Z`),
      );
    return t("numbered", { n: index + 1 });
  };
  // A new exception starts on today's date in the studio's zone (the admin changes it).
  const today = () => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">{t("heading")}</legend>
      <p className="text-sm text-ink-muted">{t("hint")}</p>
      {fields.length === 0 && <p className="text-sm text-ink-muted">{t("empty")}</p>}
      <ul className="space-y-4">
        {fields.map((f, index) => {
          const path = `openingHours.exceptions.${index}`;
          const label = dateLabel(values?.[index]?.date, index);
          return (
            <li
              key={f.id}
              className="space-y-3 rounded-lg border border-ink/15 p-3"
              data-testid="hours-exception"
            >
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  id={`exception-${index}-date`}
                  label={t("date")}
                  type="date"
                  error={form.error(`${path}.date`)}
                  {...form.register(`${path}.date`)}
                  inputClassName={inputClass}
                />
                <TextField
                  id={`exception-${index}-label`}
                  label={t("label")}
                  hint={t("labelHint")}
                  error={form.error(`${path}.label`)}
                  {...form.register(`${path}.label`, {
                    setValueAs: (v: unknown) =>
                      typeof v === "string" && v.trim() === "" ? undefined : v,
                  })}
                  maxLength={80}
                  inputClassName={inputClass}
                />
              </div>
              <DateRangesEditor form={form} path={`${path}.ranges`} label={label} />
              <button type="button" onClick={() => remove(index)} className={buttonClass("danger")}>
                {t("remove")}
                <span className="sr-only"> — {label}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={() => append({ date: today(), ranges: [] })}
        className={buttonClass("secondary")}
      >
        {t("add")}
      </button>
    </fieldset>
  );
}
