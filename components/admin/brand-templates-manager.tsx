"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import type { FieldValues, UseFormRegister } from "react-hook-form";
import { useApi } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { Field } from "@/components/ui/field";
import { callApi, describeError } from "@/lib/contracts/client";
import type { BodyInput, Result } from "@/lib/contracts/define";
import {
  applyBrandTemplate,
  createBrandTemplate,
  deleteBrandTemplate,
  listBrandTemplates,
  updateBrandTemplate,
} from "@/lib/contracts/brand-templates";

type BrandTemplateView = Result<typeof listBrandTemplates>["templates"][number];
type Studio = { id: string; name: string; organizationId: string };
type Organization = { id: string; name: string };

const FIELD = "min-h-11 w-full rounded-lg border border-ink/30 px-3";
const BUTTON = "min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium";
const PRIMARY = "min-h-11 rounded-lg bg-brand px-4 font-semibold text-white disabled:opacity-60";
const COLOURS = ["primaryColor", "accentColor"] as const;
const CONTACTS = [
  ["senderName", "text"],
  ["replyTo", "email"],
  ["supportEmail", "email"],
  ["supportPhone", "tel"],
] as const;
type BrandKey = (typeof COLOURS)[number] | (typeof CONTACTS)[number][0];

/** A template's form: the create form (by hand) and each edit form share the brand fields. */
type TemplateForm = ReturnType<
  typeof useContractForm<typeof createBrandTemplate.body | typeof updateBrandTemplate.body>
>;

/** An emptied optional field clears the value (null), as the API expects. */
const nullIfBlank = (v: string | null) => (v === null || v.trim() === "" ? null : v);

/** Colours and contact fields, shared by "by hand" and "edit". Ids are prefixed per form. */
function BrandFields({ prefix, form }: { prefix: string; form: TemplateForm }) {
  const t = useTranslations("BrandTemplates");
  const errors = form.formState.errors as Partial<Record<BrandKey, { message?: string }>>;
  const error = (key: BrandKey) => form.message(errors[key]?.message);
  const register = (key: BrandKey, options?: { setValueAs: typeof nullIfBlank }) =>
    (form.register as UseFormRegister<FieldValues>)(key, options);
  return (
    <>
      {COLOURS.map((key) => (
        <Field key={key} id={`${prefix}-${key}`} label={t(key)} error={error(key)}>
          {(aria) => (
            <input
              {...register(key)}
              {...aria}
              type="color"
              aria-required
              className="h-11 w-24 rounded-lg border border-ink/30"
            />
          )}
        </Field>
      ))}
      {CONTACTS.map(([key, type]) => (
        <Field
          key={key}
          id={`${prefix}-${key}`}
          label={
            <>
              {t(key)} <span className="font-normal text-ink-muted">{t("optional")}</span>
            </>
          }
          error={error(key)}
        >
          {(aria) => (
            <input
              {...register(key, { setValueAs: nullIfBlank })}
              {...aria}
              type={type}
              className={FIELD}
            />
          )}
        </Field>
      ))}
    </>
  );
}

/** The brand values a template starts from in a form (a new one: Latchkey's default colours). */
function brandDefaults(template?: BrandTemplateView) {
  return {
    primaryColor: template?.primaryColor ?? "#1d4ed8",
    accentColor: template?.accentColor ?? "#0f766e",
    senderName: template?.senderName ?? null,
    replyTo: template?.replyTo ?? null,
    supportEmail: template?.supportEmail ?? null,
    supportPhone: template?.supportPhone ?? null,
  };
}

/**
 * Owners' brand templates: create (from a studio's branding or by hand), edit, delete, and apply
 * to studios of the template's organization. Applying copies the values; nothing stays linked.
 */
export function BrandTemplatesManager({
  initialTemplates,
  studios,
  organizations,
}: {
  initialTemplates: BrandTemplateView[];
  studios: Studio[];
  organizations: Organization[];
}) {
  const t = useTranslations("BrandTemplates");
  const { data, mutate } = useApi(
    listBrandTemplates,
    {},
    { fallbackData: { templates: initialTemplates } },
  );
  const templates = data?.templates ?? initialTemplates;
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const listHeading = useRef<HTMLHeadingElement>(null);

  /** One write: the notice it ends with, or why it failed; the list reloads either way. */
  async function run(action: () => Promise<string>): Promise<boolean> {
    setPending(true);
    setError("");
    setNotice("");
    try {
      setNotice(await action());
      await mutate();
      return true;
    } catch (e) {
      setError(failure(e));
      return false;
    } finally {
      setPending(false);
    }
  }
  const failure = (e: unknown) => t("failed", { reason: describeError(e, String(e)) });

  function onApply(event: FormEvent<HTMLFormElement>, template: BrandTemplateView) {
    event.preventDefault();
    const studioIds = new FormData(event.currentTarget).getAll("studioIds").map(String);
    if (studioIds.length === 0) {
      setError(t("applyNone"));
      return;
    }
    void run(async () => {
      const { applied } = await callApi(applyBrandTemplate, {
        params: { templateId: template.id },
        body: { studioIds },
      });
      return t("applied", { name: template.name, count: applied });
    });
  }

  function onDelete(template: BrandTemplateView) {
    setConfirming(null);
    void run(async () => {
      await callApi(deleteBrandTemplate, { params: { templateId: template.id } });
      listHeading.current?.focus();
      return t("deleted", { name: template.name });
    });
  }

  return (
    <>
      <div aria-live="polite" className="min-h-6 space-y-1">
        {notice && <p role="status">{notice}</p>}
        {error && (
          <p role="alert" className="text-red-800">
            {error}
          </p>
        )}
      </div>
      <section aria-labelledby="create-template-heading" className="space-y-3">
        <h2 id="create-template-heading" className="text-xl font-semibold">
          {t("createHeading")}
        </h2>
        <CreateTemplateForm
          studios={studios}
          organizations={organizations}
          pending={pending}
          run={run}
        />
      </section>
      <section aria-labelledby="templates-heading" className="space-y-3">
        <h2
          id="templates-heading"
          ref={listHeading}
          tabIndex={-1}
          className="text-xl font-semibold"
        >
          {t("listHeading")}
        </h2>
        {templates.length === 0 && <p>{t("empty")}</p>}
        <ul className="space-y-4">
          {templates.map((template) => {
            const orgStudios = studios.filter((s) => s.organizationId === template.organizationId);
            return (
              <li key={template.id} className="space-y-3 rounded-xl border border-ink/15 p-4">
                <div className="flex flex-wrap items-center gap-3">
                  <span
                    aria-hidden="true"
                    className="inline-flex overflow-hidden rounded-md border border-ink/15"
                  >
                    {/* Swatches painted as SVG: inline style attributes are not needed. */}
                    <svg width="48" height="24" viewBox="0 0 48 24">
                      <rect width="24" height="24" fill={template.primaryColor} />
                      <rect x="24" width="24" height="24" fill={template.accentColor} />
                    </svg>
                  </span>
                  <h3 className="text-lg font-semibold">{template.name}</h3>
                </div>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                  {(
                    [
                      ["primaryColor", template.primaryColor],
                      ["accentColor", template.accentColor],
                      ["senderName", template.senderName],
                      ["replyTo", template.replyTo],
                      ["supportEmail", template.supportEmail],
                      ["supportPhone", template.supportPhone],
                      ["passTypes", template.passTypes.map((p) => p.name).join(", ")],
                    ] as const
                  )
                    .filter(([, v]) => v)
                    .map(([key, value]) => (
                      <div key={key} className="flex gap-2">
                        <dt className="text-ink-muted">{t(key)}</dt>
                        <dd className="break-all">{value}</dd>
                      </div>
                    ))}
                </dl>
                {template.hasLogo && <p className="text-sm text-ink-muted">{t("hasLogo")}</p>}
                {editing === template.id ? (
                  <EditTemplateForm
                    template={template}
                    pending={pending}
                    run={run}
                    onClose={() => setEditing(null)}
                  />
                ) : (
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      onClick={() => setEditing(template.id)}
                      className={BUTTON}
                    >
                      {t("edit")}
                      <span className="sr-only"> — {template.name}</span>
                    </button>
                    {confirming === template.id ? (
                      <button
                        type="button"
                        onClick={() => onDelete(template)}
                        className="min-h-11 rounded-lg bg-red-800 px-3 text-sm font-semibold text-white"
                      >
                        {t("confirmDelete", { name: template.name })}
                      </button>
                    ) : (
                      <button
                        type="button"
                        onClick={() => setConfirming(template.id)}
                        className="min-h-11 rounded-lg border border-red-800 px-3 text-sm font-medium text-red-800"
                      >
                        {t("delete")}
                        <span className="sr-only"> — {template.name}</span>
                      </button>
                    )}
                  </div>
                )}
                {orgStudios.length > 0 && (
                  <form onSubmit={(e) => onApply(e, template)} className="space-y-2">
                    <fieldset className="space-y-1">
                      <legend className="font-medium">
                        {t("applyLegend", { name: template.name })}
                      </legend>
                      {orgStudios.map((s) => (
                        <label key={s.id} className="flex min-h-11 items-center gap-3">
                          <input type="checkbox" name="studioIds" value={s.id} className="size-5" />
                          {s.name}
                        </label>
                      ))}
                    </fieldset>
                    <button type="submit" disabled={pending} className={PRIMARY}>
                      {t("apply")}
                      <span className="sr-only"> — {template.name}</span>
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}

type Run = (action: () => Promise<string>) => Promise<boolean>;

/** The name field of both forms, with its error under it. */
function NameField({ id, form }: { id: string; form: TemplateForm }) {
  const t = useTranslations("BrandTemplates");
  return (
    <Field
      id={id}
      label={t("name")}
      error={form.message(form.formState.errors.name?.message)}
      className="sm:col-span-2"
    >
      {(aria) => <input {...form.register("name")} {...aria} aria-required className={FIELD} />}
    </Field>
  );
}

/** A new template: from a studio's current branding, or by hand (both colours then needed). */
function CreateTemplateForm({
  studios,
  organizations,
  pending,
  run,
}: {
  studios: Studio[];
  organizations: Organization[];
  pending: boolean;
  run: Run;
}) {
  const t = useTranslations("BrandTemplates");
  const [source, setSource] = useState<"studio" | "hand">("studio");
  const defaults = {
    name: "",
    fromStudioId: studios[0]?.id,
    organizationId: organizations.length > 1 ? organizations[0]?.id : undefined,
    ...brandDefaults(),
  };
  const form = useContractForm(createBrandTemplate.body, defaults);

  const onCreate = form.handleSubmit(async (values) => {
    // Only what the chosen source sends: a studio's branding, or the values by hand.
    const { fromStudioId, organizationId, ...byHand } = values;
    const body: BodyInput<typeof createBrandTemplate> =
      source === "studio"
        ? { name: values.name, fromStudioId }
        : { ...byHand, ...(organizationId ? { organizationId } : {}) };
    const done = await run(async () => {
      await callApi(createBrandTemplate, { body });
      return t("created", { name: values.name });
    });
    if (done) form.reset(defaults);
  });

  return (
    <form
      onSubmit={(e) => void onCreate(e)}
      noValidate
      className="grid gap-4 rounded-xl border border-ink/15 p-4 sm:grid-cols-2"
    >
      <NameField id="template-name" form={form as TemplateForm} />
      <fieldset className="space-y-2 sm:col-span-2">
        <legend className="font-medium">{t("source")}</legend>
        {(["studio", "hand"] as const).map((value) => (
          <label key={value} className="flex min-h-11 items-center gap-3">
            <input
              type="radio"
              name="source"
              value={value}
              checked={source === value}
              onChange={() => setSource(value)}
              className="size-5"
            />
            {value === "studio" ? t("sourceStudio") : t("sourceHand")}
          </label>
        ))}
      </fieldset>
      {source === "studio" ? (
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="template-studio" className="block font-medium">
            {t("studio")}
          </label>
          <select
            id="template-studio"
            {...form.register("fromStudioId")}
            aria-required
            className={FIELD}
          >
            {studios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <>
          {organizations.length > 1 && (
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor="template-org" className="block font-medium">
                {t("organization")}
              </label>
              <select id="template-org" {...form.register("organizationId")} className={FIELD}>
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <BrandFields prefix="new" form={form as TemplateForm} />
        </>
      )}
      <div className="sm:col-span-2">
        <button type="submit" disabled={pending} className={PRIMARY}>
          {t("create")}
        </button>
      </div>
    </form>
  );
}

/** Edit a template; studios it was applied to keep their copy. */
function EditTemplateForm({
  template,
  pending,
  run,
  onClose,
}: {
  template: BrandTemplateView;
  pending: boolean;
  run: Run;
  onClose: () => void;
}) {
  const t = useTranslations("BrandTemplates");
  const form = useContractForm(updateBrandTemplate.body, {
    name: template.name,
    ...brandDefaults(template),
  });
  const onEdit = form.handleSubmit(async (body) => {
    const done = await run(async () => {
      await callApi(updateBrandTemplate, { params: { templateId: template.id }, body });
      return t("saved", { name: body.name ?? template.name });
    });
    if (done) onClose();
  });
  return (
    <form
      onSubmit={(e) => void onEdit(e)}
      noValidate
      aria-label={`${t("edit")} — ${template.name}`}
      className="grid gap-4 sm:grid-cols-2"
    >
      <NameField id={`edit-${template.id}-name`} form={form as TemplateForm} />
      <BrandFields prefix={`edit-${template.id}`} form={form as TemplateForm} />
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" disabled={pending} className={PRIMARY}>
          {t("save")}
        </button>
        <button type="button" onClick={onClose} className={BUTTON}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
