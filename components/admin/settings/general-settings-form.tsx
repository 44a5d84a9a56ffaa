"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useContractForm } from "@/components/api/use-contract-form";
import { updateStudio } from "@/lib/contracts/studios";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { CLASS_MINUTES } from "@/lib/schemas/studios";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Field, inputClass, TextField, SaveBar, SettingsSection } from "./fields";
import { useUnsaved } from "./unsaved-changes";
import { useSave } from "./use-save";

/** Name, time zone, the guests' default language and the issue form's default durations. */
export function GeneralSettingsForm({ initial }: { initial: StudioSettingsView }) {
  const t = useTranslations("SettingsPage");
  const tLang = useTranslations("Languages");
  const router = useRouter();
  const { status, send } = useSave();
  const form = useContractForm(updateStudio.body, {
    name: initial.name,
    timeZone: initial.timeZone,
    defaultLocale: initial.defaultLocale as Locale,
    classMinutes: initial.durations.classMinutes,
  });
  const tSections = useTranslations("SettingsSections");
  const dirty = form.formState.isDirty;
  useUnsaved(dirty);
  const error = (field: "name" | "timeZone" | "defaultLocale" | "classMinutes") =>
    form.message(form.formState.errors[field]?.message);
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    return all.includes(initial.timeZone) ? all : [initial.timeZone, ...all];
  }, [initial.timeZone]);

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = await send(
      updateStudio,
      { params: { studioId: initial.id }, body },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
      form.applyServerError,
    );
    // The studio's name is in the layout's heading.
    if (saved) {
      form.reset(body);
      router.refresh();
    }
  });

  return (
    <SettingsSection id="general" title={t("general.heading")}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="settings-name"
          label={t("general.name")}
          error={error("name")}
          {...form.register("name")}
          aria-required
          inputClassName={inputClass}
        />
        <Field id="settings-time-zone" label={t("general.timeZone")} error={error("timeZone")}>
          {(aria) => (
            <select {...aria} {...form.register("timeZone")} className={inputClass}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="settings-locale"
          label={t("general.defaultLocale")}
          hint={t("general.defaultLocaleHint")}
          error={error("defaultLocale")}
        >
          {(aria) => (
            <select {...aria} {...form.register("defaultLocale")} className={inputClass}>
              {LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {tLang(`${locale}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          id="settings-class-minutes"
          label={t("general.classMinutes")}
          hint={t("general.classMinutesHint", { days: initial.durations.weekDays })}
          error={error("classMinutes")}
          {...form.register("classMinutes", { valueAsNumber: true })}
          type="number"
          inputMode="numeric"
          min={CLASS_MINUTES.min}
          max={CLASS_MINUTES.max}
          step={5}
          aria-required
          inputClassName={inputClass}
        />
        <SaveBar
          label={t("general.save")}
          status={status}
          dirty={dirty}
          unsavedLabel={tSections("unsaved")}
        />
      </form>
    </SettingsSection>
  );
}
