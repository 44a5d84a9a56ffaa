"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, type FormEvent } from "react";
import { LOCALES } from "@/lib/i18n/locales";
import { CLASS_MINUTES } from "@/lib/schemas/studios";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Field, inputClass, TextField, SaveBar, SettingsSection } from "./fields";
import { useSave } from "./use-save";

/** Name, time zone, the guests' default language and the issue form's default durations. */
export function GeneralSettingsForm({ initial }: { initial: StudioSettingsView }) {
  const t = useTranslations("SettingsPage");
  const tLang = useTranslations("IssueLinkForm");
  const router = useRouter();
  const { status, errors, send } = useSave();
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    return all.includes(initial.timeZone) ? all : [initial.timeZone, ...all];
  }, [initial.timeZone]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await send(
      `/api/studios/${initial.id}`,
      {
        method: "PATCH",
        json: {
          name: String(form.get("name") ?? ""),
          timeZone: String(form.get("timeZone") ?? ""),
          defaultLocale: String(form.get("defaultLocale") ?? ""),
          classMinutes: Number(form.get("classMinutes")),
        },
      },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
    );
    // The studio's name is in the layout's heading.
    if (saved) router.refresh();
  }

  return (
    <SettingsSection id="general" title={t("general.heading")}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="settings-name"
          label={t("general.name")}
          error={errors.name}
          name="name"
          required
          maxLength={120}
          defaultValue={initial.name}
          inputClassName={inputClass}
        />
        <Field id="settings-time-zone" label={t("general.timeZone")} error={errors.timeZone}>
          {(aria) => (
            <select
              {...aria}
              name="timeZone"
              defaultValue={initial.timeZone}
              className={inputClass}
            >
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
          error={errors.defaultLocale}
        >
          {(aria) => (
            <select
              {...aria}
              name="defaultLocale"
              defaultValue={initial.defaultLocale}
              className={inputClass}
            >
              {LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {tLang(`languages.${locale}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          id="settings-class-minutes"
          label={t("general.classMinutes")}
          hint={t("general.classMinutesHint", { days: initial.durations.weekDays })}
          error={errors.classMinutes}
          name="classMinutes"
          type="number"
          inputMode="numeric"
          min={CLASS_MINUTES.min}
          max={CLASS_MINUTES.max}
          step={5}
          required
          defaultValue={initial.durations.classMinutes}
          inputClassName={inputClass}
        />
        <SaveBar label={t("general.save")} status={status} />
      </form>
    </SettingsSection>
  );
}
