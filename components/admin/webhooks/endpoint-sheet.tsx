"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useApiMutation } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { buttonClass } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { ErrorAlert } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { ApiRequestError, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { createWebhook } from "@/lib/contracts/webhooks";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/schemas/webhooks";

export type CreatedEndpoint = Result<typeof createWebhook>;

/**
 * "Add endpoint" as a side sheet: URL, description and the events to receive, validated by the
 * contract's own schema. The server's refusals land on the field they concern: an address the
 * SSRF guard refuses (`webhook_url_refused`, decided only after DNS) under the URL, in the
 * manager's language.
 */
export function EndpointSheet({
  studioId,
  onCreated,
}: {
  studioId: string;
  onCreated: (created: CreatedEndpoint) => void;
}) {
  const t = useTranslations("WebhooksManager");
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // After a create, focus belongs to the secret the page now shows, not to "Add endpoint".
  const [justCreated, setJustCreated] = useState(false);
  const eventsId = useId();
  const create = useApiMutation(createWebhook, { studioId });
  const form = useContractForm(createWebhook.body, {
    url: "",
    description: "",
    events: [...WEBHOOK_EVENT_TYPES],
  });
  const events = (form.watch("events") ?? []) as WebhookEventType[];
  const eventsError = form.message(form.formState.errors.events?.message);

  const toggle = (type: WebhookEventType, on: boolean) =>
    form.setValue("events", on ? [...events, type] : events.filter((e) => e !== type), {
      shouldValidate: form.formState.isSubmitted,
    });

  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const created = await create.trigger({ body });
      form.reset();
      setJustCreated(true);
      setOpen(false);
      onCreated(created);
    } catch (failure) {
      // The SSRF guard's refusal names the field with a format hint; its envelope's message
      // says why the address is refused, which is what the manager needs beside the URL.
      if (failure instanceof ApiRequestError && failure.code === "webhook_url_refused") {
        form.setError("url", { message: failure.message });
        form.setFocus("url");
      } else if (!form.applyServerError(failure)) {
        setFormError(describeError(failure, t("createFailed"), () => null));
      }
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setFormError(null);
      }}
    >
      <DialogTrigger ref={opener} className={buttonClass("primary", "lg")}>
        {t("add")}
      </DialogTrigger>
      <DialogContent
        side="right"
        closeLabel={t("close")}
        returnFocus={opener}
        onCloseAutoFocus={(event) => {
          if (!justCreated) return;
          setJustCreated(false);
          event.preventDefault();
        }}
      >
        <DialogHeader>
          <DialogTitle>{t("addHeading")}</DialogTitle>
          <DialogDescription>{t("addIntro")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <TextField
            {...form.register("url")}
            id="webhook-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            label={t("url")}
            hint={t("urlHint")}
            error={form.message(form.formState.errors.url?.message)}
            aria-required
          />
          <TextField
            {...form.register("description")}
            id="webhook-description"
            label={t("description")}
            hint={t("descriptionHint")}
            error={form.message(form.formState.errors.description?.message)}
          />
          <fieldset
            className="space-y-1"
            aria-describedby={eventsError ? `${eventsId}-error` : undefined}
          >
            <legend className="font-medium">{t("events")}</legend>
            <ul className="space-y-1">
              {WEBHOOK_EVENT_TYPES.map((type) => {
                const id = `${eventsId}-${type}`;
                return (
                  <li key={type} className="flex min-h-11 items-center gap-3">
                    <Checkbox
                      id={id}
                      checked={events.includes(type)}
                      onCheckedChange={(state) => toggle(type, state === true)}
                    />
                    <label htmlFor={id} className="flex flex-col">
                      <span className="font-mono text-sm">{type}</span>
                      <span className="text-sm text-ink-muted">{t(`eventHints.${type}`)}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {eventsError && (
              <p id={`${eventsId}-error`} className="text-sm font-medium text-red-800">
                {t("eventsRequired")}
              </p>
            )}
          </fieldset>
          <ErrorAlert error={formError} />
          <button
            type="submit"
            disabled={form.formState.isSubmitting}
            className={buttonClass("primary", "lg")}
          >
            {form.formState.isSubmitting ? t("creating") : t("create")}
          </button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
