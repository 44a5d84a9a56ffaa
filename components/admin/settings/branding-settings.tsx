"use client";

import { useTranslations } from "next-intl";
import { ImageUp, Trash2 } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type Ref } from "react";
import { useController } from "react-hook-form";
import type { z } from "zod";
import { useContractForm } from "@/components/api/use-contract-form";
import { brandPalette } from "@/lib/brand/contrast";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { emailPreview, removeLogo, updateStudio, uploadLogo } from "@/lib/contracts/studios";
import { inputLimits } from "@/lib/schemas/limits";
import { updateStudioBodySchema } from "@/lib/schemas/studios";
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

type BrandingField = keyof BrandingBody;
type BrandingBody = NonNullable<z.input<typeof updateStudio.body>["branding"]>;
/** The branding rules, straight from the contract: colours, lengths and email formats. */
const BRANDING = updateStudioBodySchema.shape.branding.unwrap().shape;
const isColour = (value: string | null | undefined) =>
  BRANDING.primaryColor.safeParse(value).success;
/** An emptied contact field clears it: the API's `null`, as it answers. */
const nullIfBlank = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? null : value;

function brandingValues(b: Branding) {
  return {
    branding: {
      primaryColor: b.primaryColor,
      accentColor: b.accentColor,
      ...(Object.fromEntries(CONTACT_FIELDS.map((f) => [f, b[f]])) as Record<
        (typeof CONTACT_FIELDS)[number],
        string | null
      >),
    },
  };
}

const useBrandingForm = (branding: Branding) =>
  useContractForm(updateStudio.body, brandingValues(branding));

/**
 * A colour is controlled (a picker and a text field share it) and checked while typed: a
 * half-typed colour is what the previews skip, so its field says so at once.
 */
function useColourField(
  form: ReturnType<typeof useBrandingForm>,
  name: "branding.primaryColor" | "branding.accentColor",
) {
  const { field } = useController({ control: form.control, name });
  return {
    value: String(field.value ?? ""),
    inputRef: field.ref,
    onBlur: field.onBlur,
    onChange: (value: string) => {
      field.onChange(value);
      void form.trigger(name);
    },
  };
}

function BrandingForm({
  initial,
  logoUrl,
}: {
  initial: StudioSettingsView;
  logoUrl: string | null;
}) {
  const t = useTranslations("SettingsPage");
  const { status, send } = useSave();
  const form = useBrandingForm(initial.branding);
  const draft = form.watch("branding") as BrandingBody;
  const primary = draft.primaryColor ?? "";
  const accent = draft.accentColor ?? "";
  // The previews follow the last valid colour while one is being typed.
  const [shown, setShown] = useState({ primary, accent });
  if (isColour(primary) && primary !== shown.primary) setShown((s) => ({ ...s, primary }));
  if (isColour(accent) && accent !== shown.accent) setShown((s) => ({ ...s, accent }));
  const palette = useMemo(() => brandPalette(shown.primary, shown.accent), [shown]);

  const onSubmit = form.handleSubmit(async (body) => {
    const view = await send(
      updateStudio,
      { params: { studioId: initial.id }, body: { branding: body.branding } },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
      form.applyServerError,
    );
    if (view) form.reset(brandingValues(view.branding));
  });

  const dirty = form.formState.isDirty;
  useUnsaved(dirty);
  const err = (field: BrandingField) => {
    const message = form.formState.errors.branding?.[field]?.message;
    // A colour's rule in a whole sentence, beside the field it is about.
    return message === "hexColor" ? t("branding.invalidColour") : form.message(message);
  };
  const primaryField = useColourField(form, "branding.primaryColor");
  const accentField = useColourField(form, "branding.accentColor");

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
      <ColourField
        id="settings-primary"
        label={t("branding.primaryColor")}
        pickerLabel={t("branding.primaryPicker")}
        {...primaryField}
        error={err("primaryColor")}
      />
      <ColourField
        id="settings-accent"
        label={t("branding.accentColor")}
        pickerLabel={t("branding.accentPicker")}
        {...accentField}
        error={err("accentColor")}
      />
      <DistinctnessCheck primary={shown.primary} accent={shown.accent} />
      {CONTACT_FIELDS.map((field) => {
        const control = form.register(`branding.${field}`, { setValueAs: nullIfBlank });
        const limits = inputLimits(BRANDING[field]);
        return (
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
                  {...control}
                  {...limits}
                  rows={2}
                  className={`${inputClass} py-2`}
                />
              ) : (
                <input
                  {...aria}
                  {...control}
                  {...limits}
                  type={
                    field === "replyTo" || field === "supportEmail"
                      ? "email"
                      : field === "supportPhone"
                        ? "tel"
                        : "text"
                  }
                  className={inputClass}
                />
              )
            }
          </Field>
        );
      })}
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
  onBlur,
  inputRef,
  error,
}: {
  id: string;
  label: string;
  pickerLabel: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  inputRef: Ref<HTMLInputElement>;
  error?: string;
}) {
  const t = useTranslations("SettingsPage");
  const valid = isColour(value);
  return (
    <div className="space-y-2">
      <Field id={id} label={label} error={error} hint={t("branding.colourHint")}>
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
              ref={inputRef}
              value={value}
              onChange={(e) => onChange(e.target.value.trim())}
              onBlur={onBlur}
              spellCheck={false}
              autoComplete="off"
              className={`${inputClass} font-mono`}
            />
          </div>
        )}
      </Field>
      {valid && <ContrastCheck id={`${id}-contrast`} color={value} />}
    </div>
  );
}

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
  draft: BrandingBody;
  logoUrl: string | null;
}) {
  const t = useTranslations("SettingsPage.branding");
  const [state, setState] = useState<PreviewState>({ kind: "loading" });
  // Only a draft the preview endpoint accepts is sent (its own contract says which): while a
  // field is half-typed the last good email stays, rather than an error in its place.
  const valid = emailPreview.body.safeParse(draft);
  const body = valid.success ? JSON.stringify(valid.data) : null;
  useEffect(() => {
    if (body === null) return;
    const parsed = JSON.parse(body) as z.output<typeof emailPreview.body>;
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
