"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useApi, useApiMutation } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { buttonClass } from "@/components/ui/button";
import { CodeExample } from "@/components/ui/code-example";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert, ListStatus, LiveStatus } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import { callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/contracts/api-tokens";

type Props = { studioId: string; timeZone: string; apiBase: string };
type Created = Result<typeof createApiToken>;
type ApiTokenSummary = Result<typeof listApiTokens>["items"][number];

/**
 * Create, list and revoke a studio's API tokens. A new token lives only in this component's
 * state until the manager closes the panel: the server cannot show it again.
 */
export function ApiTokensManager({ studioId, timeZone, apiBase }: Props) {
  const t = useTranslations("ApiTokensManager");
  const th = useTranslations("Hardening.tokens");
  const format = useFormatter();
  const { data, error, isLoading, mutate } = useApi(listApiTokens, { params: { studioId } });
  const create = useApiMutation(createApiToken, { studioId });
  const form = useContractForm(createApiToken.body, { name: "" });
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  const nameInput = useRef<HTMLInputElement | null>(null);
  const nameField = form.register("name");

  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });

  const onCreate = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      setCreated(await create.trigger({ body }));
      form.reset();
      await mutate();
    } catch (failure) {
      if (!form.applyServerError(failure))
        setFormError(describeError(failure, t("createFailed"), () => null));
    }
  });

  async function revoke(token: ApiTokenSummary) {
    setConfirming(null);
    try {
      await callApi(revokeApiToken, { params: { studioId, tokenId: token.id } });
      setNotice(t("revoked", { name: token.name }));
    } catch {
      setNotice(t("revokeFailed"));
    }
    await mutate();
  }

  function dismiss() {
    setCreated(null);
    nameInput.current?.focus();
  }

  const curl = [
    `curl -X POST ${apiBase}/links \\`,
    `  -H "Authorization: Bearer $LATCHKEY_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: booking-4711" \\`,
    `  -d '{"name":"Jane Guest","email":"jane@example.com",` +
      `"validFrom":"2026-05-04T17:30:00Z","validUntil":"2026-05-04T19:30:00Z"}'`,
  ].join("\n");

  return (
    <div className="space-y-6">
      <form onSubmit={onCreate} noValidate className="flex flex-wrap items-end gap-3">
        <TextField
          {...nameField}
          ref={(element) => {
            nameField.ref(element);
            nameInput.current = element;
          }}
          id="token-name"
          label={t("name")}
          hint={t("nameHint")}
          error={form.message(form.formState.errors.name?.message)}
          className="min-w-64 flex-1"
          aria-required
        />
        <div className="pb-6">
          <button
            type="submit"
            disabled={form.formState.isSubmitting}
            className={buttonClass("primary", "lg")}
          >
            {form.formState.isSubmitting ? t("creating") : t("create")}
          </button>
        </div>
        <ErrorAlert error={formError} className="w-full" />
      </form>

      {created && (
        <ShownOnce
          id="created-token"
          heading={t("createdHeading", { name: created.name })}
          note={t("onceNote")}
          label={t("tokenLabel")}
          value={created.token}
          copyLabel={t("copy")}
          copiedMessage={t("copied")}
          doneLabel={t("done")}
          onDone={dismiss}
        />
      )}

      <CodeExample
        id="token-usage"
        heading={t("usageHeading")}
        intro={t("usageText")}
        label={t("curlLabel")}
        code={curl}
      />

      <section aria-labelledby="token-list-heading" className="space-y-2">
        <h3 id="token-list-heading" className="text-lg font-semibold">
          {t("listHeading")}
        </h3>
        <LiveStatus>{notice}</LiveStatus>
        <ListStatus
          error={error}
          loading={isLoading && !data}
          empty={Boolean(data && data.items.length === 0)}
          messages={{ failed: t("loadFailed"), loading: t("loading"), empty: t("empty") }}
        />
        {data && data.items.length > 0 && (
          <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
            {data.items.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 p-4">
                <div className="min-w-48 flex-1">
                  <p className="font-semibold">{token.name}</p>
                  <p className="font-mono text-sm text-ink-muted">
                    <span className="sr-only">{t("prefix")} </span>
                    {token.prefix}…
                  </p>
                </div>
                <p className="min-w-24">
                  <span className="rounded-full border border-ink/30 px-2 py-0.5 text-sm font-medium">
                    {t(`status.${token.status}`)}
                  </span>
                </p>
                <p className="min-w-48 text-sm">
                  {token.createdBy
                    ? t("createdBy", { at: when(token.createdAt), name: token.createdBy })
                    : t("created", { at: when(token.createdAt) })}
                </p>
                {token.creatorRemoved && token.status === "active" && (
                  <p
                    data-testid="token-creator-removed"
                    className="basis-full rounded-lg border border-amber-700/40 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                  >
                    <strong className="font-semibold">{th("creatorRemoved")}</strong>{" "}
                    {th("creatorRemovedHint")}
                  </p>
                )}
                <p className="min-w-40 text-sm">
                  {token.lastUsedAt
                    ? t("lastUsed", { at: when(token.lastUsedAt) })
                    : t("neverUsed")}
                </p>
                {token.status === "active" && (
                  <div className="flex flex-wrap gap-2">
                    <ConfirmButton
                      confirming={confirming === token.id}
                      onAsk={() => setConfirming(token.id)}
                      onConfirm={() => void revoke(token)}
                      label={t("revoke")}
                      srSuffix={token.name}
                      confirmLabel={t("confirmRevoke", { name: token.name })}
                      cancel={{ label: t("cancel"), onCancel: () => setConfirming(null) }}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
