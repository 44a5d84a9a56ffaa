"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import useSWR from "swr";
import type { BrandTemplateView } from "@/lib/brand-templates/templates";

type Studio = { id: string; name: string; organizationId: string };
type Organization = { id: string; name: string };
type ApiErrorBody = { error?: { message?: string; issues?: { path: string; message: string }[] } };

const API = "/api/brand-templates";

async function fetchTemplates(url: string): Promise<BrandTemplateView[]> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(String(res.status));
  return ((await res.json()) as { templates: BrandTemplateView[] }).templates;
}

async function send(url: string, method: string, body?: unknown): Promise<Response> {
  const res = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  });
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as ApiErrorBody;
    const issues = json.error?.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new Error([json.error?.message ?? String(res.status), issues].filter(Boolean).join(" "));
  }
  return res;
}

const FIELD = "min-h-11 w-full rounded-lg border border-ink/30 px-3";
const BUTTON = "min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium";
const PRIMARY = "min-h-11 rounded-lg bg-brand px-4 font-semibold text-white disabled:opacity-60";

/** The values a template carries, read from a form (empty optional fields clear the value). */
function brandValues(form: FormData) {
  const text = (key: string) => {
    const v = String(form.get(key) ?? "").trim();
    return v === "" ? null : v;
  };
  return {
    primaryColor: String(form.get("primaryColor")),
    accentColor: String(form.get("accentColor")),
    senderName: text("senderName"),
    replyTo: text("replyTo"),
    supportEmail: text("supportEmail"),
    supportPhone: text("supportPhone"),
  };
}

/** Colours and contact fields, shared by "by hand" and "edit". Ids are prefixed per form. */
function BrandFields({ prefix, template }: { prefix: string; template?: BrandTemplateView }) {
  const t = useTranslations("BrandTemplates");
  const text = (key: "senderName" | "replyTo" | "supportEmail" | "supportPhone", type = "text") => (
    <div className="space-y-1">
      <label htmlFor={`${prefix}-${key}`} className="block font-medium">
        {t(key)} <span className="font-normal text-ink-muted">{t("optional")}</span>
      </label>
      <input
        id={`${prefix}-${key}`}
        name={key}
        type={type}
        defaultValue={template?.[key] ?? ""}
        className={FIELD}
      />
    </div>
  );
  return (
    <>
      {(["primaryColor", "accentColor"] as const).map((key) => (
        <div key={key} className="space-y-1">
          <label htmlFor={`${prefix}-${key}`} className="block font-medium">
            {t(key)}
          </label>
          <input
            id={`${prefix}-${key}`}
            name={key}
            type="color"
            required
            defaultValue={template?.[key] ?? (key === "primaryColor" ? "#1d4ed8" : "#0f766e")}
            className="h-11 w-24 rounded-lg border border-ink/30"
          />
        </div>
      ))}
      {text("senderName")}
      {text("replyTo", "email")}
      {text("supportEmail", "email")}
      {text("supportPhone", "tel")}
    </>
  );
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
  const { data: templates = initialTemplates, mutate } = useSWR(API, fetchTemplates, {
    fallbackData: initialTemplates,
  });
  const [source, setSource] = useState<"studio" | "hand">("studio");
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const listHeading = useRef<HTMLHeadingElement>(null);

  async function run(action: () => Promise<string>) {
    setPending(true);
    setError("");
    setNotice("");
    try {
      setNotice(await action());
      await mutate();
    } catch (e) {
      setError(t("failed", { reason: (e as Error).message }));
    } finally {
      setPending(false);
    }
  }

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "").trim();
    const organizationId = form.get("organizationId");
    void run(async () => {
      await send(API, "POST", {
        name,
        ...(source === "studio"
          ? { fromStudioId: String(form.get("fromStudioId")) }
          : {
              ...brandValues(form),
              ...(organizationId ? { organizationId: String(organizationId) } : {}),
            }),
      });
      formEl.reset();
      return t("created", { name });
    });
  }

  function onEdit(event: FormEvent<HTMLFormElement>, template: BrandTemplateView) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    void run(async () => {
      await send(`${API}/${template.id}`, "PATCH", { name, ...brandValues(form) });
      setEditing(null);
      return t("saved", { name });
    });
  }

  function onApply(event: FormEvent<HTMLFormElement>, template: BrandTemplateView) {
    event.preventDefault();
    const studioIds = new FormData(event.currentTarget).getAll("studioIds").map(String);
    if (studioIds.length === 0) {
      setError(t("applyNone"));
      return;
    }
    void run(async () => {
      const res = await send(`${API}/${template.id}/apply`, "POST", { studioIds });
      const { applied } = (await res.json()) as { applied: number };
      return t("applied", { name: template.name, count: applied });
    });
  }

  function onDelete(template: BrandTemplateView) {
    setConfirming(null);
    void run(async () => {
      await send(`${API}/${template.id}`, "DELETE");
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
        <form
          onSubmit={onCreate}
          className="grid gap-4 rounded-xl border border-ink/15 p-4 sm:grid-cols-2"
        >
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor="template-name" className="block font-medium">
              {t("name")}
            </label>
            <input id="template-name" name="name" required maxLength={80} className={FIELD} />
          </div>
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
              <select id="template-studio" name="fromStudioId" required className={FIELD}>
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
                  <select id="template-org" name="organizationId" className={FIELD}>
                    {organizations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <BrandFields prefix="new" />
            </>
          )}
          <div className="sm:col-span-2">
            <button type="submit" disabled={pending} className={PRIMARY}>
              {t("create")}
            </button>
          </div>
        </form>
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
                  <form
                    onSubmit={(e) => onEdit(e, template)}
                    aria-label={`${t("edit")} — ${template.name}`}
                    className="grid gap-4 sm:grid-cols-2"
                  >
                    <div className="space-y-1 sm:col-span-2">
                      <label htmlFor={`edit-${template.id}-name`} className="block font-medium">
                        {t("name")}
                      </label>
                      <input
                        id={`edit-${template.id}-name`}
                        name="name"
                        required
                        maxLength={80}
                        defaultValue={template.name}
                        className={FIELD}
                      />
                    </div>
                    <BrandFields prefix={`edit-${template.id}`} template={template} />
                    <div className="flex gap-2 sm:col-span-2">
                      <button type="submit" disabled={pending} className={PRIMARY}>
                        {t("save")}
                      </button>
                      <button type="button" onClick={() => setEditing(null)} className={BUTTON}>
                        {t("cancel")}
                      </button>
                    </div>
                  </form>
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
