"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { Controller, useWatch, type Control, type FieldValues } from "react-hook-form";
import { useContractForm } from "@/components/api/use-contract-form";
import { Checkbox } from "@/components/ui/checkbox";
import { buttonClass } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { LinkRules } from "@/lib/access-rules/schema";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { createPassType, deletePassType, updatePassType } from "@/lib/contracts/access-rules";
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
 * The studio's pass types: the list (what each one does, in words), a form to add one, the same
 * form prefilled to edit one in its row, and a two-step delete. Links keep a copy of their pass
 * type's rules, so editing or deleting one changes no link already issued (the texts say so).
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
  const tEdit = useTranslations("AccessRulesUi.edit");
  const words = usePassTypeWords(timeZone);
  const [passTypes, setPassTypes] = useState(initial);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [editing, setEditing] = useState<string | null>(null);
  /** The Edit button focus returns to when its form closes (saved or cancelled). */
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const returnFocusTo = useRef<string | null>(null);
  useEffect(() => {
    if (editing !== null || !returnFocusTo.current) return;
    editButtons.current.get(returnFocusTo.current)?.focus();
    returnFocusTo.current = null;
  }, [editing]);
  const closeEditor = () => {
    returnFocusTo.current = editing;
    setEditing(null);
  };
  const byName = (list: PassTypeView[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

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
                  <button
                    type="button"
                    ref={(el) => {
                      if (el) editButtons.current.set(p.id, el);
                      else editButtons.current.delete(p.id);
                    }}
                    className={buttonClass("secondary")}
                    aria-expanded={editing === p.id}
                    aria-controls={editing === p.id ? `edit-pass-type-${p.id}` : undefined}
                    onClick={() => (editing === p.id ? closeEditor() : setEditing(p.id))}
                  >
                    {t("edit")}
                    <span className="sr-only"> — {p.name}</span>
                  </button>
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
                {editing === p.id && (
                  <div id={`edit-pass-type-${p.id}`} className="w-full">
                    <PassTypeForm
                      studioId={studioId}
                      timeZone={timeZone}
                      passType={p}
                      onCancel={closeEditor}
                      onSaved={(saved) => {
                        setPassTypes((list) =>
                          byName(list.map((x) => (x.id === saved.id ? saved : x))),
                        );
                        setStatus({ kind: "saved", message: tEdit("saved", { name: saved.name }) });
                        closeEditor();
                      }}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <StatusLine status={status} />
        <PassTypeForm
          studioId={studioId}
          timeZone={timeZone}
          onSaved={(p) => setPassTypes((list) => byName([...list, p]))}
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

/** A pass type as the form holds it: the API's view, its absent language left out. */
function formValuesOf(passType: PassTypeView) {
  return {
    name: passType.name,
    rules: passType.rules,
    windowMinutes: passType.windowMinutes,
    ...(passType.locale ? { locale: passType.locale as Locale } : {}),
  };
}

/**
 * Adds a pass type, or with `passType` edits that one: the same fields and schema, prefilled,
 * saved whole with PATCH. Control ids carry a prefix so the add form and an open edit form never
 * share one.
 */
function PassTypeForm({
  studioId,
  timeZone,
  passType,
  onSaved,
  onCancel,
}: {
  studioId: string;
  timeZone: string;
  passType?: PassTypeView;
  onSaved: (passType: PassTypeView) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("AccessRulesUi.add");
  const tEdit = useTranslations("AccessRulesUi.edit");
  const tLang = useTranslations("Languages");
  const tSections = useTranslations("SettingsSections");
  const locale = useLocale();
  const { status, send } = useSave();
  const form = useContractForm(passTypeForm, passType ? formValuesOf(passType) : EMPTY);
  const ids = passType ? `edit-pass-type-${passType.id}` : "pass-type";
  const { setFocus } = form;
  const editingId = passType?.id;
  useEffect(() => {
    // An edit form opens where its Edit button was: the keyboard goes on from its first field.
    if (editingId) setFocus("name");
  }, [editingId, setFocus]);
  const weekly = useWatch({ control: form.control, name: "rules.weekly" });
  const dirty = form.formState.isDirty;
  useUnsaved(dirty);
  const ranges = rangesFormOf(form);
  const error = ranges.error;

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = passType
      ? await send(
          updatePassType,
          { params: { studioId, passTypeId: passType.id }, body },
          {
            saving: tEdit("saving"),
            saved: tEdit("saved", { name: body.name }),
            failed: tEdit("failed"),
          },
          form.applyServerError,
        )
      : await send(
          createPassType,
          { params: { studioId }, body },
          { saving: t("saving"), saved: t("saved", { name: body.name }), failed: t("failed") },
          form.applyServerError,
        );
    if (saved) {
      // Edited: the form closes (the list shows the result); added: it empties for the next one.
      if (!passType) form.reset(EMPTY);
      onSaved(saved);
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
      aria-labelledby={`${ids}-heading`}
    >
      <h3 id={`${ids}-heading`} className="text-lg font-semibold sm:col-span-2">
        {passType ? tEdit("heading", { name: passType.name }) : t("heading")}
      </h3>
      {passType && <p className="text-sm text-ink-muted sm:col-span-2">{tEdit("hint")}</p>}
      <TextField
        id={`${ids}-name`}
        label={t("name")}
        hint={t("nameHint")}
        error={error("name")}
        {...form.register("name")}
        aria-required
        maxLength={80}
        inputClassName={inputClass}
      />
      {unitField("windowMinutes", DAY, `${ids}-window`, t("windowDays"), t("windowHint"))}
      {unitField("rules.visitLimit", 1, `${ids}-visits`, t("visitLimit"), t("visitLimitHint"))}
      {unitField(
        "rules.validForMinutes",
        HOUR,
        `${ids}-valid-for`,
        t("validForHours"),
        t("validForHint"),
      )}
      <Field id={`${ids}-locale`} label={t("locale")} error={error("locale")}>
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
          id={`${ids}-ignore-hours`}
          label={t("ignoreStudioHours")}
          control={form.control as unknown as Control<FieldValues>}
          name="rules.ignoreStudioHours"
        />
        <div className="flex min-h-11 items-center gap-3">
          <Checkbox
            id={`${ids}-weekly`}
            checked={weekly !== undefined}
            onCheckedChange={(checked) =>
              form.setValue(
                "rules.weekly",
                checked === true ? [{ day: "mon", from: "07:00", until: "19:00" }] : undefined,
                { shouldDirty: true },
              )
            }
          />
          <label htmlFor={`${ids}-weekly`}>{t("weekly")}</label>
        </div>
        {weekly !== undefined && (
          <WeeklyRangesEditor
            form={ranges}
            path="rules.weekly"
            idPrefix={passType ? `${ids}-` : undefined}
            locale={locale}
            legend={t("weeklyLegend", { zone: timeZone })}
          />
        )}
      </div>
      <SaveBar
        label={passType ? tEdit("submit") : t("submit")}
        status={status}
        dirty={dirty}
        unsavedLabel={tSections("unsaved")}
      />
      {onCancel && (
        <div className="sm:col-span-2">
          <button type="button" onClick={onCancel} className={buttonClass("secondary")}>
            {tEdit("cancel")}
          </button>
        </div>
      )}
    </form>
  );
}
