"use client";

import { useTranslations } from "next-intl";
import { ImageUp, Trash2 } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { brandPalette } from "@/lib/brand/contrast";
import { HEX_COLOR } from "@/lib/brand/hex-color";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { emailPreview, removeLogo, updateStudio, uploadLogo } from "@/lib/contracts/studios";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Button } from "@/components/ui/button";
import { EmailFrame } from "@/components/ui/email-frame";
import { GuestPagePreview } from "./brand-preview";
import { ContrastCheck, DistinctnessCheck } from "./contrast-check";
import { Field, inputClass, SaveBar, SettingsSection, StatusLine } from "./fields";
import { useUnsaved } from "./unsaved-changes";
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

/**
 * The logo as a drop zone: drop an image on it, or activate it (click, Enter or Space) to pick a
 * file; it uploads at once and shows the result, with removal beside it. The file input stays
 * the one real control (labelled, keyboard-reachable), the zone is its label, so a screen reader
 * hears "Logo, PNG, JPEG or WebP…" and the browser's own picker opens.
 */
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
  const tLogo = useTranslations("SettingsSections.logo");
  const { status, send } = useSave();
  const fileRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const messages = { saving: t("saving"), saved: t("saved"), failed: t("failed") };

  async function upload(file: File | undefined) {
    if (!file) return;
    const saved = await send(
      uploadLogo,
      { params: { studioId }, bytes: file },
      { ...messages, saved: t("branding.logoSaved") },
    );
    if (saved) onChange(saved.logoUrl);
    if (fileRef.current) fileRef.current.value = "";
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
    <div className="space-y-2">
      <p id="settings-logo-label" className="font-medium">
        {t("branding.logo")}
      </p>
      <div className="flex flex-wrap items-stretch gap-4">
        <label
          htmlFor="settings-logo"
          data-testid="logo-drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void upload(e.dataTransfer.files[0]);
          }}
          className={`flex min-h-28 flex-1 cursor-pointer items-center gap-4 rounded-xl border-2 border-dashed p-4 focus-within:outline focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand ${
            over ? "border-brand bg-brand/5" : "border-ink/30 bg-white hover:border-brand"
          }`}
        >
          <span className="flex size-20 shrink-0 items-center justify-center rounded-xl border border-ink/15 bg-white">
            {logoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a same-origin API image, no optimizer
              <img src={logoUrl} alt={t("branding.currentLogo")} className="max-h-16 max-w-16" />
            ) : (
              <ImageUp aria-hidden="true" className="size-8 text-ink-muted" />
            )}
          </span>
          <span className="space-y-1">
            <span className="block font-medium">
              {logoUrl ? tLogo("replace") : tLogo("choose")}
            </span>
            <span id="settings-logo-hint" className="block text-sm text-ink-muted">
              {t("branding.logoHint")}
            </span>
          </span>
          <input
            ref={fileRef}
            id="settings-logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-labelledby="settings-logo-label"
            aria-describedby="settings-logo-hint"
            className="sr-only"
            disabled={status.kind === "saving"}
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </label>
        {logoUrl && (
          <Button
            size="md"
            variant="danger"
            onClick={remove}
            disabled={status.kind === "saving"}
            className="self-center"
          >
            <span className="inline-flex items-center gap-2">
              <Trash2 aria-hidden="true" className="size-4" />
              {t("branding.removeLogo")}
            </span>
          </Button>
        )}
      </div>
      <StatusLine status={status} />
    </div>
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
  useUnsaved(dirty);
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
      <DistinctnessCheck primary={shown.primary} accent={shown.accent} />
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
      <SaveBar
        label={t("branding.save")}
        status={status}
        dirty={dirty}
        unsavedLabel={t("branding.unsaved")}
      />
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
        <EmailFrame
          title={t("emailPreviewFrame")}
          html={state.html}
          className="min-h-64 rounded-xl"
          autoHeight
        />
      )}
    </figure>
  );
}
