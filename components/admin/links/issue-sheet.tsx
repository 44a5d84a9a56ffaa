"use client";

import { CircleAlert, FileUp, Plus } from "lucide-react";
import Link from "next/link";
import { useLocale, useNow, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { z } from "zod";
import { useContractForm } from "@/components/api/use-contract-form";
import { Button, buttonClass } from "@/components/ui/button";
import { CopyableValue, CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { ErrorAlert } from "@/components/ui/feedback";
import { SelectField, TextField } from "@/components/ui/field";
import { callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { createLink, resendLinkEmail } from "@/lib/contracts/links";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { createLinkBodySchema } from "@/lib/schemas/links";
import { guestDateConventions } from "@/lib/time/guest-dates";
import { parseZonedLocal } from "@/lib/time/zoned-time";
import { QrCodeButton } from "../qr-code-button";
import type { PassTypeView } from "../settings/pass-types-settings";
import { usePassTypeWords } from "../settings/pass-type-words";
import { presetWindow, type Preset } from "../window-presets";

const PRESETS: Preset[] = ["class", "today", "week", "custom"];

export type Readiness =
  | { ready: true; warning: "group_forbidden" | null }
  | { ready: false; blocker: "no_key" | "key_invalid" | "no_group" };

type Props = {
  studioId: string;
  timeZone: string;
  defaultLocale: Locale;
  classMinutes: number;
  readiness: Readiness;
  /** Managers get a link to settings when the studio is not ready; front desk a hint. */
  canManage: boolean;
  /** The studio's pass types; none hides the pass-type select. */
  passTypes: PassTypeView[];
};
type Issued = Result<typeof createLink> & {
  name: string;
  guestEmail: string | null;
  locale: Locale;
};

/** A window as one range in the studio's zone: "Tue 1 Dec, 19:12 – 20:42". */
function useRange(timeZone: string) {
  const { tag, hourCycle } = guestDateConventions(useLocale(), timeZone);
  return (from: Date, until: Date) =>
    new Intl.DateTimeFormat(tag, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "numeric",
      minute: "2-digit",
      hourCycle,
      timeZone,
    }).formatRange(from, until);
}

/**
 * "New link" and its side sheet: guest, email, language and a window whose presets show the
 * times they give and whose custom times are the studio's wall-clock times (said so, and
 * converted with lib/time/zoned-time.ts, so 18:00 typed is 18:00 in the list and the email
 * whatever the browser's zone). Validated by the contract's own schema (errors under their
 * fields, in the admin's language); the server's field errors land there too. One
 * Idempotency-Key per attempt, so a double submit never makes two links. Disabled, with the
 * reason, while the studio cannot issue.
 */
export function IssueSheet(props: Props) {
  const { studioId, timeZone, readiness } = props;
  const t = useTranslations("DashboardLinks.issue");
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  if (!readiness.ready) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          size="md"
          aria-disabled="true"
          aria-describedby="new-link-blocked"
          className="inline-flex cursor-not-allowed items-center gap-1 opacity-60"
        >
          <Plus aria-hidden="true" className="size-4" />
          {t("open")}
        </Button>
        <p id="new-link-blocked" className="flex items-center gap-1 text-sm text-red-800">
          <CircleAlert aria-hidden="true" className="size-4 shrink-0" />
          {t(`blocked.${readiness.blocker}`)}{" "}
          {props.canManage ? (
            <Link
              href={`/dashboard/studios/${studioId}/settings`}
              className="inline-flex min-h-11 items-center font-medium underline underline-offset-4"
            >
              {t("blocked.toSettings")}
            </Link>
          ) : (
            t("blocked.askManager")
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      {/* Beside "New link": an icon named for screen readers and in its tooltip, so the search,
          the chips and both buttons fit one line on a laptop and leave the rows the height. */}
      <Link
        href={`/dashboard/studios/${studioId}/links/bulk`}
        title={t("csv")}
        className={buttonClass("secondary", "md", "inline-flex items-center gap-1 px-3")}
      >
        <FileUp aria-hidden="true" className="size-4" />
        <span className="sr-only">{t("csv")}</span>
      </Link>
      <Dialog open={open} onOpenChange={setOpen}>
        <Button
          ref={opener}
          variant="primary"
          size="md"
          onClick={() => setOpen(true)}
          className="inline-flex items-center gap-1"
        >
          <Plus aria-hidden="true" className="size-4" />
          {t("open")}
        </Button>
        <DialogContent
          side="right"
          closeLabel={t("close")}
          aria-describedby="issue-sheet-zone"
          returnFocus={opener}
        >
          <IssueForm {...props} timeZone={timeZone} onDone={() => setOpen(false)} />
        </DialogContent>
      </Dialog>
    </div>
  );
}

/** A pass type's default window, starting now. */
function passTypeWindow(passType: PassTypeView, now = new Date()) {
  return { from: now, until: new Date(now.getTime() + passType.windowMinutes * 60_000) };
}

function IssueForm({
  studioId,
  timeZone,
  defaultLocale,
  classMinutes,
  passTypes,
  onDone,
}: Props & { onDone: () => void }) {
  const t = useTranslations("DashboardLinks.issue");
  const tPresets = useTranslations("IssueLinkPresets");
  const tPass = useTranslations("AccessRulesUi.issue");
  const words = usePassTypeWords(timeZone);
  const locale = useLocale();
  const now = useNow({ updateInterval: 30_000 });
  const range = useRange(timeZone);
  const { mutate } = useSWRConfig();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [issued, setIssued] = useState<Issued | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // The form's fields, turned into the contract's body and checked by the contract's schema:
  // the window's rules (after the start, not in the past, at most a year) are the server's own.
  const schema = useMemo(
    () =>
      z
        .object({
          name: z.string(),
          email: z.string(),
          externalRef: z.string(),
          locale: z.enum(LOCALES),
          preset: z.enum(["class", "today", "week", "passType", "custom"]),
          passTypeId: z.string(),
          validFrom: z.string(),
          validUntil: z.string(),
        })
        .transform((v) => {
          const passType = passTypes.find((p) => p.id === v.passTypeId);
          const window =
            v.preset === "custom"
              ? {
                  from: parseZonedLocal(v.validFrom, timeZone),
                  until: parseZonedLocal(v.validUntil, timeZone),
                }
              : v.preset === "passType"
                ? passType
                  ? passTypeWindow(passType)
                  : { from: null, until: null }
                : presetWindow(v.preset, { timeZone, classMinutes });
          const body: z.input<typeof createLinkBodySchema> = {
            name: v.name,
            ...(v.email.trim() ? { email: v.email.trim() } : {}),
            ...(v.externalRef.trim() ? { externalRef: v.externalRef.trim() } : {}),
            locale: v.locale,
            validFrom: window.from?.toISOString() ?? "",
            validUntil: window.until?.toISOString() ?? "",
            ...(passType ? { passTypeId: passType.id } : {}),
          };
          return body;
        })
        .pipe(createLinkBodySchema),
    [timeZone, classMinutes, passTypes],
  );
  const form = useContractForm(schema, {
    name: "",
    email: "",
    externalRef: "",
    locale: defaultLocale,
    preset: "class",
    passTypeId: "",
    validFrom: "",
    validUntil: "",
  });
  const preset = form.watch("preset");
  const chosen = passTypes.find((p) => p.id === form.watch("passTypeId"));
  const passTypeField = form.register("passTypeId", {
    // Choosing a pass type fills in its window and language; "none" goes back to a preset.
    onChange: (event: { target: { value: string } }) => {
      const next = passTypes.find((p) => p.id === event.target.value);
      if (next) {
        form.setValue("preset", "passType");
        if (next.locale && (LOCALES as readonly string[]).includes(next.locale))
          form.setValue("locale", next.locale as Locale);
      } else if (form.getValues("preset") === "passType") form.setValue("preset", "class");
    },
  });
  const nameField = form.register("name");
  const nameInput = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (issued) resultHeading.current?.focus();
  }, [issued]);

  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    const values = form.getValues();
    try {
      const answer = await callApi(createLink, {
        params: { studioId },
        headers: { "Idempotency-Key": idempotencyKey },
        body: {
          ...body,
          validFrom: body.validFrom.toISOString(),
          validUntil: body.validUntil?.toISOString(),
        },
      });
      setIdempotencyKey(crypto.randomUUID());
      setIssued({
        ...answer,
        name: body.name,
        guestEmail: body.email ?? null,
        locale: values.locale,
      });
      await mutate(
        (key) => typeof key === "string" && key.startsWith(`/api/studios/${studioId}/links`),
      );
    } catch (failure) {
      if (!form.applyServerError(failure)) setFormError(describeError(failure, t("failed")));
    }
  });

  function another() {
    setIssued(null);
    setFormError(null);
    form.reset({ ...form.getValues(), name: "", email: "", externalRef: "" });
    setTimeout(() => nameInput.current?.focus(), 0);
  }

  const zoneNote = t("zone", { timeZone });
  const chosenName = (id: string | null) => {
    const name = passTypes.find((p) => p.id === id)?.name;
    return name ? `${name}: ` : "";
  };
  if (issued) {
    const language = new Intl.DisplayNames([locale], { type: "language" }).of(issued.locale);
    return (
      <>
        <DialogHeader>
          <DialogTitle ref={resultHeading} tabIndex={-1}>
            {t("done.title", { name: issued.name })}
          </DialogTitle>
          <DialogDescription id="issue-sheet-zone">{zoneNote}</DialogDescription>
        </DialogHeader>
        <section role="status" aria-label={t("done.summary")} className="space-y-3">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-lg border border-ink/15 p-3 text-sm">
            <dt className="font-medium">{t("done.who")}</dt>
            <dd>
              {issued.name}
              {issued.guestEmail && <span className="text-ink-muted"> · {issued.guestEmail}</span>}
            </dd>
            <dt className="font-medium">{t("done.when")}</dt>
            <dd>{range(new Date(issued.validFrom), new Date(issued.validUntil))}</dd>
            {issued.rules && words.rules(issued.rules).length > 0 && (
              <>
                <dt className="font-medium">{tPass("rules")}</dt>
                <dd data-testid="issued-rules">
                  {chosenName(issued.passTypeId)}
                  {words.rules(issued.rules).join(" · ")}
                </dd>
              </>
            )}
            <dt className="font-medium">{t("done.doors")}</dt>
            <dd>{t("done.allDoors")}</dd>
            <dt className="font-medium">{t("done.language")}</dt>
            <dd>{language}</dd>
            <dt className="font-medium">{t("done.email")}</dt>
            <dd>
              {issued.email.status === "queued"
                ? t("done.emailQueued", { email: issued.guestEmail ?? "" })
                : t("done.emailNone")}
            </dd>
          </dl>
          <CopyableValue id="issued-url" label={t("done.linkLabel")} value={issued.url} />
          <div className="flex flex-wrap gap-2">
            <CopyButton
              text={issued.url}
              label={t("done.copy")}
              copiedLabel={t("done.copied")}
              failedLabel={t("done.copyFailed")}
            />
            <QrCodeButton
              studioId={studioId}
              linkId={issued.id}
              guestName={issued.name}
              className={buttonClass("secondary", "md")}
            />
            {issued.email && <ResendButton studioId={studioId} linkId={issued.id} />}
          </div>
          <div className="flex flex-wrap gap-2 border-t border-ink/10 pt-3">
            <Button variant="primary" size="md" onClick={another}>
              {t("done.another")}
            </Button>
            <Button size="md" onClick={onDone}>
              {t("done.close")}
            </Button>
          </div>
        </section>
      </>
    );
  }

  const err = (message: string | undefined) => form.message(message);
  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("title")}</DialogTitle>
        <DialogDescription id="issue-sheet-zone">{zoneNote}</DialogDescription>
      </DialogHeader>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          {...nameField}
          ref={(element) => {
            nameField.ref(element);
            nameInput.current = element;
          }}
          id="issue-name"
          label={t("name")}
          autoComplete="off"
          aria-required
          error={err(form.formState.errors.name?.message)}
        />
        <TextField
          {...form.register("email")}
          id="issue-email"
          type="email"
          label={t("email")}
          hint={t("emailHint")}
          autoComplete="off"
          error={err(form.formState.errors.email?.message)}
        />
        <SelectField {...form.register("locale")} id="issue-locale" label={t("language")}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {new Intl.DisplayNames([l], { type: "language" }).of(l)}
            </option>
          ))}
        </SelectField>
        {passTypes.length > 0 && (
          <SelectField
            {...passTypeField}
            id="issue-pass-type"
            label={tPass("passType")}
            hint={chosen ? words.describe(chosen).join(" · ") : tPass("hint")}
          >
            <option value="">{tPass("none")}</option>
            {passTypes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("window")}</legend>
          <div className="grid gap-2">
            {(chosen ? ["passType" as const, ...PRESETS] : PRESETS).map((p) => {
              const w =
                p === "custom"
                  ? null
                  : p === "passType"
                    ? passTypeWindow(chosen!, now)
                    : presetWindow(p, { timeZone, classMinutes }, now);
              return (
                <label
                  key={p}
                  className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-ink/30 px-3 py-1.5 has-[:checked]:border-brand has-[:checked]:bg-brand/5"
                >
                  <input type="radio" value={p} {...form.register("preset")} className="size-4" />
                  <span className="flex flex-col">
                    <span className="font-medium">
                      {p === "class"
                        ? tPresets("class", { minutes: classMinutes })
                        : p === "passType"
                          ? chosen!.name
                          : t(`presets.${p}`)}
                    </span>
                    <span className="text-sm text-ink-muted">
                      {w ? range(w.from, w.until) : t("presets.customHint", { timeZone })}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        {preset === "custom" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              {...form.register("validFrom")}
              id="issue-from"
              type="datetime-local"
              label={t("from", { timeZone })}
              error={err(form.formState.errors.validFrom?.message)}
            />
            <TextField
              {...form.register("validUntil")}
              id="issue-until"
              type="datetime-local"
              label={t("until", { timeZone })}
              error={err(form.formState.errors.validUntil?.message)}
            />
          </div>
        )}
        {/* A booking system's id for this guest (the API's externalRef): the same reference
            again with the same details issues nothing new; with other details it is refused. */}
        <TextField
          {...form.register("externalRef")}
          id="issue-external-ref"
          label={t("externalRef")}
          hint={t("externalRefHint")}
          autoComplete="off"
          error={err(form.formState.errors.externalRef?.message)}
        />
        <ErrorAlert error={formError} />
        <button
          type="submit"
          disabled={form.formState.isSubmitting}
          className={buttonClass("primary", "lg", "w-full")}
        >
          {form.formState.isSubmitting ? t("issuing") : t("submit")}
        </button>
      </form>
    </>
  );
}

/** Send the access email again from the result, saying when it is queued or why not. */
function ResendButton({ studioId, linkId }: { studioId: string; linkId: string }) {
  const t = useTranslations("DashboardLinks.issue.done");
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <>
      <Button
        size="md"
        onClick={async () => {
          try {
            await callApi(resendLinkEmail, { params: { studioId, linkId } });
            setOutcome(t("resent"));
          } catch (error) {
            setOutcome(describeError(error, t("resendFailed")));
          }
        }}
      >
        {t("resend")}
      </Button>
      <p aria-live="polite" className="w-full text-sm">
        {outcome}
      </p>
    </>
  );
}
