"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { DOOR_NAME_MAX } from "@/lib/schemas/studio-settings";
import type { DoorDisplayNames } from "@/lib/studios/door-names";
import { inputClass, TextField } from "./fields";

export type DoorNameValues = Record<Locale, string>;

/** The form's values for every language ("" = none: the body then removes that language). */
export function doorNameValues(names: DoorDisplayNames): DoorNameValues {
  return Object.fromEntries(LOCALES.map((l) => [l, names[l] ?? ""])) as DoorNameValues;
}

/**
 * A door's display name per language, inside the door's form and saved with it: the studio's
 * own language first, the other five folded away (opened by itself when one of them has an
 * error, so no error is hidden). Each placeholder is what readers of that language see while
 * it is empty: the studio's language's name, else Kisi's.
 */
export function DoorNamesEditor({
  base,
  kisiName,
  studioLocale,
  values,
  errors,
  onChange,
}: {
  base: string;
  kisiName: string;
  studioLocale: Locale;
  values: DoorNameValues;
  errors: Record<string, string>;
  onChange: (locale: Locale, value: string) => void;
}) {
  const t = useTranslations("SettingsPage.doors.names");
  const tLang = useTranslations("Languages");
  const others = LOCALES.filter((l) => l !== studioLocale);
  const set = others.filter((l) => values[l].trim() !== "").length;
  const hasHiddenError = others.some((l) => errors[`displayNames.${l}`]);
  const [open, setOpen] = useState(false);
  const fallbackName = values[studioLocale].trim() || kisiName;

  const field = (locale: Locale, label: string) => (
    <TextField
      key={locale}
      id={`${base}-name-${locale}`}
      label={label}
      error={errors[`displayNames.${locale}`]}
      lang={locale}
      maxLength={DOOR_NAME_MAX}
      autoComplete="off"
      placeholder={locale === studioLocale ? kisiName : fallbackName}
      value={values[locale]}
      onChange={(e) => onChange(locale, e.target.value)}
      inputClassName={inputClass}
    />
  );

  return (
    <fieldset className="space-y-2 sm:col-span-2" aria-describedby={`${base}-names-hint`}>
      <legend className="font-medium">{t("heading")}</legend>
      <p id={`${base}-names-hint`} className="text-sm text-ink-muted">
        {t("hint")}
      </p>
      {field(studioLocale, t("studioLanguage", { language: tLang(`${studioLocale}`) }))}
      <details
        open={open || hasHiddenError}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        className="space-y-2"
      >
        <summary className="min-h-11 cursor-pointer py-2 font-medium">
          {t("others", { count: set })}
        </summary>
        <div className="grid gap-3 sm:grid-cols-2">
          {others.map((l) => field(l, tLang(`${l}`)))}
        </div>
      </details>
    </fieldset>
  );
}
