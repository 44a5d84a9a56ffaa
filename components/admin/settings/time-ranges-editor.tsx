"use client";

import { useTranslations } from "next-intl";
import {
  Controller,
  useFieldArray,
  type Control,
  type FieldError,
  type FieldValues,
  type UseFormRegister,
} from "react-hook-form";
import { Checkbox } from "@/components/ui/checkbox";
import { buttonClass } from "@/components/ui/button";
import { WEEKDAYS, type Weekday } from "@/lib/access-rules/clock";
import { inputClass, TextField } from "./fields";

/**
 * The editors of the rules' time ranges, shared by the studio's opening hours, its dated
 * exceptions and a pass type's weekly schedule. They work on any react-hook-form form at a path
 * (`openingHours.weekly`, `rules.weekly`, `openingHours.exceptions.2.ranges`), so the field
 * paths are the API's own and a server issue (`openingHours.weekly.3.until: rangesOverlap`)
 * lands under the control it names.
 */
export type RangesForm = {
  control: Control<FieldValues>;
  register: UseFormRegister<FieldValues>;
  /** The translated error at a field path, if any. */
  error: (path: string) => string | undefined;
  /** Checks a field again (its error depends on another field: `until` on "past midnight"). */
  revalidate: (path: string) => void;
};

/** The editors' view of a contract form (components/api/use-contract-form.ts), any schema. */
export function rangesFormOf(form: {
  control: unknown;
  register: unknown;
  formState: unknown;
  getFieldState: (name: never, formState?: never) => { error?: unknown };
  trigger: (name: never) => Promise<boolean>;
  message: (text: string | undefined) => string | undefined;
}): RangesForm {
  return {
    control: form.control as Control<FieldValues>,
    register: form.register as UseFormRegister<FieldValues>,
    error: (path) =>
      form.message(
        (form.getFieldState(path as never, form.formState as never).error as FieldError | undefined)
          ?.message,
      ),
    // Only a field already showing an error is checked again, as react-hook-form's onTouched does.
    revalidate: (path) => {
      if (form.getFieldState(path as never).error) void form.trigger(path as never);
    },
  };
}

/** A weekday's long name in the admin's language (2024-01-01 was a Monday). */
export function weekdayName(day: Weekday, locale: string, style: "long" | "short" = "long") {
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day))),
  );
}

/** One `[from, until)` range: two clock inputs, "past midnight", remove. */
function RangeRow({
  form,
  path,
  idPrefix = "",
  label,
  onRemove,
}: {
  form: RangesForm;
  path: string;
  /** Keeps the controls' ids apart when two forms on a page edit the same path. */
  idPrefix?: string;
  /** What the range belongs to ("Monday", "25 Dec"), for the controls' accessible names. */
  label: string;
  onRemove: () => void;
}) {
  const t = useTranslations("AccessRulesUi.ranges");
  const id = idPrefix + path.replace(/\./g, "-");
  return (
    <li className="flex flex-wrap items-end gap-3" data-testid="time-range">
      <TextField
        id={`${id}-from`}
        label={t("from")}
        aria-label={t("fromOf", { of: label })}
        type="time"
        error={form.error(`${path}.from`)}
        {...form.register(`${path}.from`)}
        className="w-36"
        inputClassName={inputClass}
      />
      <TextField
        id={`${id}-until`}
        label={t("until")}
        aria-label={t("untilOf", { of: label })}
        type="time"
        error={form.error(`${path}.until`)}
        {...form.register(`${path}.until`)}
        className="w-36"
        inputClassName={inputClass}
      />
      <CheckboxRow
        id={`${id}-next-day`}
        label={t("nextDay")}
        control={form.control}
        name={`${path}.nextDay`}
        className="text-sm"
        error={form.error(`${path}.nextDay`)}
        onChanged={() => form.revalidate(`${path}.until`)}
      />
      <button type="button" onClick={onRemove} className={buttonClass("secondary")}>
        {t("remove")}
        <span className="sr-only"> — {label}</span>
      </button>
    </li>
  );
}

/**
 * A weekly schedule, day by day (several ranges per day); one flat list underneath, as the
 * schema has it, so each range keeps its index (and its error path) whatever day it is on.
 */
export function WeeklyRangesEditor({
  form,
  path,
  idPrefix,
  locale,
  legend,
}: {
  form: RangesForm;
  path: string;
  /** A prefix for the controls' ids (a second form on the page with the same paths). */
  idPrefix?: string;
  locale: string;
  legend: string;
}) {
  const t = useTranslations("AccessRulesUi.ranges");
  const { fields, append, remove } = useFieldArray({ control: form.control, name: path });
  const ranges = fields as unknown as ({ id: string; day: Weekday } & Record<string, unknown>)[];
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">{legend}</legend>
      {form.error(path) && <p className="text-sm font-medium text-red-800">{form.error(path)}</p>}
      <ul className="divide-y divide-ink/10">
        {WEEKDAYS.map((day) => {
          const name = weekdayName(day, locale);
          const mine = ranges.map((r, index) => ({ r, index })).filter(({ r }) => r.day === day);
          return (
            <li key={day} className="space-y-2 py-3" data-testid={`weekday-${day}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h4 className="font-medium">{name}</h4>
                {mine.length === 0 && <span className="text-sm text-ink-muted">{t("closed")}</span>}
              </div>
              {mine.length > 0 && (
                <ul className="space-y-2">
                  {mine.map(({ r, index }) => (
                    <RangeRow
                      key={r.id}
                      form={form}
                      path={`${path}.${index}`}
                      idPrefix={idPrefix}
                      label={name}
                      onRemove={() => remove(index)}
                    />
                  ))}
                </ul>
              )}
              <button
                type="button"
                onClick={() => append({ day, from: "09:00", until: "17:00" })}
                className={buttonClass("secondary")}
              >
                {t("add")}
                <span className="sr-only"> — {name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** The ranges of one dated exception; none means closed all day. */
export function DateRangesEditor({
  form,
  path,
  label,
}: {
  form: RangesForm;
  path: string;
  label: string;
}) {
  const t = useTranslations("AccessRulesUi.ranges");
  const { fields, append, remove } = useFieldArray({ control: form.control, name: path });
  return (
    <div className="space-y-2">
      {fields.length === 0 ? (
        <p className="text-sm text-ink-muted">{t("closedAllDay")}</p>
      ) : (
        <ul className="space-y-2">
          {fields.map((f, index) => (
            <RangeRow
              key={f.id}
              form={form}
              path={`${path}.${index}`}
              label={label}
              onRemove={() => remove(index)}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() => append({ from: "09:00", until: "13:00" })}
        className={buttonClass("secondary")}
      >
        {t("addSpecial")}
        <span className="sr-only"> — {label}</span>
      </button>
    </div>
  );
}

/** A Radix checkbox bound to a boolean form field (false when unchecked). */
export function CheckboxRow({
  id,
  label,
  control,
  name,
  className,
  error,
  onChanged,
}: {
  id: string;
  label: string;
  control: Control<FieldValues>;
  name: string;
  className?: string;
  error?: string;
  onChanged?: () => void;
}) {
  return (
    <div className="flex min-h-11 flex-wrap items-center gap-3">
      <Controller
        control={control}
        name={name}
        // A box never touched would otherwise be null, which the schema's boolean refuses.
        defaultValue={false}
        render={({ field }) => (
          <Checkbox
            id={id}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            checked={field.value === true}
            onCheckedChange={(checked) => {
              field.onChange(checked === true);
              onChanged?.();
            }}
            onBlur={field.onBlur}
            ref={field.ref}
          />
        )}
      />
      <label htmlFor={id} className={className}>
        {label}
      </label>
      {error && (
        <p id={`${id}-error`} className="w-full text-sm font-medium text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
