"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { brandPalette } from "@/lib/brand/contrast";
import { HEX_COLOR } from "@/lib/brand/hex-color";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { emailPreview, removeLogo, updateStudio, uploadLogo } from "@/lib/contracts/studios";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Button, buttonClass } from "@/components/ui/button";
import { EmailFrame } from "@/components/ui/email-frame";
import { GuestPagePreview } from "./brand-preview";
import { ContrastCheck } from "./contrast-check";
import { Field, inputClass, SaveBar, SettingsSection, StatusLine, TextField } from "./fields";
import { useSave } from "./use-save";

type Branding = StudioSettingsView["branding"];
const CONTACT_FIELDS = [
  "senderName",
  "replyTo",
  "supportEmail",
  "supportPhone",
  "address",
] as const;

/** Logo, colours with a live contrast check and previews, sender and contact details. */
export function BrandingSettings({ initial }: { initial: StudioSettingsView }) {
  const t = useTranslations("SettingsPage");
  const [logoUrl, setLogoUrl] = useState(initial.branding.logoUrl);
  return (
    <SettingsSection id="branding" title={t("branding.heading")}>
      <div className="space-y-6">
        <LogoForm studioId={initial.id} logoUrl={logoUrl} onChange={setLogoUrl} />
        <BrandingForm initial={initial} logoUrl={logoUrl} />
      </div>
    </SettingsSection>
  );
}

function LogoForm({
  studioId,
  logoUrl,
  onChange,
}: {
  studioId: string;
  logoUrl: string | null;
  onChange: (url: string | null) => void;
}) {
  const t = useTranslations("SettingsPage");
  const { status, send } = useSave();
  const fileRef = useRef<HTMLInputElement>(null);
  const messages = { saving: t("saving"), saved: t("saved"), failed: t("failed") };

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    const saved = await send(
      uploadLogo,
      { params: { studioId }, bytes: file },
      { ...messages, saved: t("branding.logoSaved") },
    );
    if (saved) {
      onChange(saved.logoUrl);
      event.currentTarget?.reset();
    }
  }

  async function remove() {
    const saved = await send(
      removeLogo,
      { params: { studioId } },
      { ...messages, saved: t("branding.logoRemoved") },
    );
    if (saved) onChange(null);
  }

  return (
    <form onSubmit={upload} className="flex flex-wrap items-end gap-4">
      <div className="flex size-20 items-center justify-center rounded-xl border border-ink/15 bg-white">
        {logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a same-origin API image, no optimizer
          <img src={logoUrl} alt={t("branding.currentLogo")} className="max-h-16 max-w-16" />
        ) : (
          <span className="px-1 text-center text-xs text-ink-muted">{t("branding.noLogo")}</span>
        )}
      </div>
      <TextField
        ref={fileRef}
        id="settings-logo"
        label={t("branding.logo")}
        hint={t("branding.logoHint")}
        name="logo"
        type="file"
        required
        accept="image/png,image/jpeg,image/webp"
        inputClassName="block min-h-11"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          disabled={status.kind === "saving"}
          className={buttonClass("primary", "md")}
        >
          {t("branding.upload")}
        </button>
        {logoUrl && (
          <Button size="md" onClick={remove} disabled={status.kind === "saving"}>
            {t("branding.removeLogo")}
          </Button>
        )}
        <StatusLine status={status} />
      </div>
    </form>
  );
}

function BrandingForm({
  initial,
  logoUrl,
}: {
  initial: StudioSettingsView;
  logoUrl: string | null;
}) {
  const t = useTranslations("SettingsPage");
  const { status, errors, send } = useSave();
  const [saved, setSaved] = useState<Branding>(initial.branding);
  const [primary, setPrimary] = useState(initial.branding.primaryColor);
  const [accent, setAccent] = useState(initial.branding.accentColor);
  const [contact, setContact] = useState(() =>
    Object.fromEntries(CONTACT_FIELDS.map((f) => [f, initial.branding[f] ?? ""])),
  );
  // The previews follow the last valid colour while one is being typed.
  const [shown, setShown] = useState({ primary, accent });
  const changePrimary = (value: string) => {
    setPrimary(value);
    if (HEX_COLOR.test(value)) setShown((s) => ({ ...s, primary: value }));
  };
  const changeAccent = (value: string) => {
    setAccent(value);
    if (HEX_COLOR.test(value)) setShown((s) => ({ ...s, accent: value }));
  };
  const palette = useMemo(() => brandPalette(shown.primary, shown.accent), [shown]);

  const draft = useMemo(() => {
    const nullIfEmpty = (v: string | undefined) => (v?.trim() ? v.trim() : null);
    return {
      primaryColor: primary,
      accentColor: accent,
      senderName: nullIfEmpty(contact.senderName),
      replyTo: nullIfEmpty(contact.replyTo),
      supportEmail: nullIfEmpty(contact.supportEmail),
      supportPhone: nullIfEmpty(contact.supportPhone),
      address: nullIfEmpty(contact.address),
    };
  }, [primary, accent, contact]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const view = await send(
      updateStudio,
      { params: { studioId: initial.id }, body: { branding: draft } },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
    );
    if (view) setSaved(view.branding);
  }

  const dirty =
    saved.primaryColor !== primary ||
    saved.accentColor !== accent ||
    CONTACT_FIELDS.some((f) => (saved[f] ?? "") !== (draft[f] ?? ""));
  const err = (field: string) => errors[`branding.${field}`];

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
      <ColourField
        id="settings-primary"
        label={t("branding.primaryColor")}
        pickerLabel={t("branding.primaryPicker")}
        value={primary}
        onChange={changePrimary}
        error={err("primaryColor")}
      />
      <ColourField
        id="settings-accent"
        label={t("branding.accentColor")}
        pickerLabel={t("branding.accentPicker")}
        value={accent}
        onChange={changeAccent}
        error={err("accentColor")}
      />
      {CONTACT_FIELDS.map((field) => (
        <Field
          key={field}
          id={`settings-${field}`}
          label={t(`branding.${field}`)}
          error={err(field)}
        >
          {(aria) =>
            field === "address" ? (
              <textarea
                {...aria}
                name={field}
                maxLength={300}
                rows={2}
                value={contact[field]}
                onChange={(e) => setContact((c) => ({ ...c, [field]: e.target.value }))}
                className={`${inputClass} py-2`}
              />
            ) : (
              <input
                {...aria}
                name={field}
                type={
                  field === "replyTo" || field === "supportEmail"
                    ? "email"
                    : field === "supportPhone"
                      ? "tel"
                      : "text"
                }
                maxLength={field === "supportPhone" ? 40 : field === "senderName" ? 80 : 254}
                value={contact[field]}
                onChange={(e) => setContact((c) => ({ ...c, [field]: e.target.value }))}
                className={inputClass}
              />
            )
          }
        </Field>
      ))}
      <div className="grid gap-4 sm:col-span-2 lg:grid-cols-2">
        <GuestPagePreview palette={palette} name={initial.name} logoUrl={logoUrl} />
        <EmailPreview studioId={initial.id} draft={draft} logoUrl={logoUrl} />
      </div>
      {dirty && <p className="text-sm text-ink-muted sm:col-span-2">{t("branding.unsaved")}</p>}
      <SaveBar label={t("branding.save")} status={status} />
    </form>
  );
}

function ColourField({
  id,
  label,
  pickerLabel,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  pickerLabel: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const t = useTranslations("SettingsPage");
  const valid = HEX_COLOR.test(value);
  const shownError = error ?? (valid ? undefined : t("branding.invalidColour"));
  return (
    <div className="space-y-2">
      <Field id={id} label={label} error={shownError} hint={t("branding.colourHint")}>
        {(aria) => (
          <div className="flex gap-2">
            <input
              type="color"
              aria-label={pickerLabel}
              value={valid ? value.toLowerCase() : "#000000"}
              onChange={(e) => onChange(e.target.value)}
              className="min-h-11 w-14 shrink-0 cursor-pointer rounded-lg border border-ink/30"
            />
            <input
              {...aria}
              value={value}
              onChange={(e) => onChange(e.target.value.trim())}
              spellCheck={false}
              autoComplete="off"
              maxLength={7}
              className={`${inputClass} font-mono`}
            />
          </div>
        )}
      </Field>
      {valid && <ContrastCheck id={`${id}-contrast`} color={value} />}
    </div>
  );
}

type Draft = { primaryColor: string; accentColor: string } & Record<
  (typeof CONTACT_FIELDS)[number],
  string | null
>;
type PreviewState = { kind: "loading" | "ready" | "error"; html?: string; message?: string };

/**
 * The real guest email in the draft branding, rendered by the server (nothing saved) and shown
 * in a sandboxed frame without scripts. Requests follow typing with a short pause.
 */
function EmailPreview({
  studioId,
  draft,
  logoUrl,
}: {
  studioId: string;
  draft: Draft;
  logoUrl: string | null;
}) {
  const t = useTranslations("SettingsPage.branding");
  const [state, setState] = useState<PreviewState>({ kind: "loading" });
  const body = JSON.stringify(draft);
  useEffect(() => {
    const parsed = JSON.parse(body) as Draft;
    if (!HEX_COLOR.test(parsed.primaryColor) || !HEX_COLOR.test(parsed.accentColor)) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState((s) => ({ ...s, kind: "loading" }));
      try {
        const { html } = await callApi(emailPreview, {
          params: { studioId },
          body: parsed,
          signal: controller.signal,
        });
        setState({ kind: "ready", html });
      } catch (error) {
        if (controller.signal.aborted) return;
        const message = error instanceof ApiRequestError ? error.message : "";
        setState({ kind: "error", message: message || undefined });
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // logoUrl: a new logo changes the email too.
  }, [studioId, body, logoUrl]);

  return (
    <figure className="space-y-2">
      <figcaption className="font-medium">{t("emailPreview")}</figcaption>
      <p role="status" aria-live="polite" className="text-sm text-ink-muted">
        {state.kind === "loading"
          ? t("previewLoading")
          : state.kind === "error"
            ? (state.message ?? t("previewFailed"))
            : ""}
      </p>
      {state.html && (
        <EmailFrame title={t("emailPreviewFrame")} html={state.html} className="h-96 rounded-xl" />
      )}
    </figure>
  );
}
