"use client";

import { CircleCheck, CirclePause, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useApi } from "@/components/api/use-api";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { CodeExample } from "@/components/ui/code-example";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyButton } from "@/components/ui/copy-button";
import { ListStatus, LiveStatus } from "@/components/ui/feedback";
import { ShownOnce } from "@/components/ui/shown-once";
import { callApi } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import {
  deleteWebhook,
  listWebhooks,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhook,
} from "@/lib/contracts/webhooks";
import { DeliveryLog } from "./delivery-log";
import { EndpointSheet } from "./endpoint-sheet";
import { VERIFY_EXAMPLE } from "./verify-example";

type Endpoint = Result<typeof listWebhooks>["items"][number];
/** A secret just made (creation or rotation): shown until dismissed, never fetched again. */
type ShownSecret = { endpointUrl: string; secret: string; rotated: boolean };
type Confirming = { id: string; action: "rotate" | "delete" } | null;

/**
 * A studio's webhook endpoints: add, enable/disable, rotate the secret, delete, send a test
 * event, and each endpoint's delivery log. A new secret lives only in this component's state:
 * the server returns it once and cannot show it again.
 */
export function WebhooksManager({ studioId, timeZone }: { studioId: string; timeZone: string }) {
  const t = useTranslations("WebhooksManager");
  const { data, error, isLoading, mutate } = useApi(listWebhooks, { params: { studioId } });
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const listHeading = useRef<HTMLHeadingElement>(null);

  const show = (endpointUrl: string, secret: string, rotated: boolean) =>
    setShown({ endpointUrl, secret, rotated });

  async function act(endpoint: Endpoint, run: () => Promise<string>, failed: string) {
    setConfirming(null);
    setBusy(endpoint.id);
    try {
      setNotice(await run());
    } catch {
      setNotice(failed);
    } finally {
      setBusy(null);
    }
    await mutate();
  }

  const params = (endpoint: Endpoint) => ({ studioId, endpointId: endpoint.id });

  const toggleEnabled = (endpoint: Endpoint) =>
    act(
      endpoint,
      async () => {
        await callApi(updateWebhook, {
          params: params(endpoint),
          body: { enabled: !endpoint.enabled },
        });
        return t(endpoint.enabled ? "disabledNotice" : "enabledNotice", { url: endpoint.url });
      },
      t("updateFailed"),
    );

  const rotate = (endpoint: Endpoint) =>
    act(
      endpoint,
      async () => {
        const rotated = await callApi(rotateWebhookSecret, { params: params(endpoint) });
        show(rotated.url, rotated.secret, true);
        return t("rotatedNotice", { url: endpoint.url });
      },
      t("rotateFailed"),
    );

  const remove = (endpoint: Endpoint) =>
    act(
      endpoint,
      async () => {
        await callApi(deleteWebhook, { params: params(endpoint) });
        if (openLog === endpoint.id) setOpenLog(null);
        listHeading.current?.focus();
        return t("deletedNotice", { url: endpoint.url });
      },
      t("deleteFailed"),
    );

  const sendTest = (endpoint: Endpoint) =>
    act(
      endpoint,
      async () => {
        await callApi(sendTestWebhook, { params: params(endpoint) });
        setOpenLog(endpoint.id);
        return t("testQueued", { url: endpoint.url });
      },
      t("testFailed"),
    );

  const items = data?.items ?? [];
  return (
    <div className="space-y-6">
      <EndpointSheet
        studioId={studioId}
        onCreated={(created) => {
          show(created.url, created.secret, false);
          setNotice(t("createdNotice", { url: created.url }));
          void mutate();
        }}
      />

      {shown && (
        <ShownOnce
          id="webhook-secret"
          heading={t(shown.rotated ? "rotatedHeading" : "secretHeading", {
            url: shown.endpointUrl,
          })}
          note={t("secretOnce")}
          label={t("secretLabel")}
          value={shown.secret}
          copyLabel={t("copySecret")}
          copiedMessage={t("copied")}
          failedLabel={t("copyFailed")}
          doneLabel={t("done")}
          onDone={() => setShown(null)}
        >
          {shown.rotated && <p>{t("rotatedOverlap")}</p>}
        </ShownOnce>
      )}

      <section aria-labelledby="webhook-list-heading" className="space-y-2">
        <h3
          id="webhook-list-heading"
          ref={listHeading}
          tabIndex={-1}
          className="text-lg font-semibold"
        >
          {t("listHeading")}
        </h3>
        <LiveStatus>{notice}</LiveStatus>
        <ListStatus
          error={error}
          loading={isLoading && !data}
          empty={Boolean(data && items.length === 0)}
          messages={{ failed: t("loadFailed"), loading: t("loading"), empty: t("empty") }}
        />
        {items.length > 0 && (
          <ul className="space-y-4">
            {items.map((endpoint) => {
              const logId = `webhook-log-${endpoint.id}`;
              const isConfirming = (action: "rotate" | "delete") =>
                confirming?.id === endpoint.id && confirming.action === action;
              const cancel = { label: t("cancel"), onCancel: () => setConfirming(null) };
              return (
                <li
                  key={endpoint.id}
                  data-testid="webhook-endpoint"
                  className="space-y-3 rounded-xl border border-ink/15 p-4"
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0 space-y-1">
                      <h4 className="font-mono text-sm font-semibold break-all">{endpoint.url}</h4>
                      {endpoint.description && <p>{endpoint.description}</p>}
                    </div>
                    <EnabledBadge endpoint={endpoint} />
                  </div>
                  <ul className="flex flex-wrap gap-1" aria-label={t("events")}>
                    {endpoint.events.map((type) => (
                      <li key={type}>
                        <Badge className="font-mono">{type}</Badge>
                      </li>
                    ))}
                  </ul>
                  {endpoint.previousSecretExpiresAt && (
                    <p className="text-sm text-ink-muted">{t("previousSecretStillSigns")}</p>
                  )}
                  <div className="flex flex-wrap gap-2">
                    <Button
                      size="sm"
                      variant="primary"
                      disabled={busy === endpoint.id || !endpoint.enabled}
                      onClick={() => void sendTest(endpoint)}
                    >
                      {t("sendTest")}
                    </Button>
                    <Button
                      size="sm"
                      disabled={busy === endpoint.id}
                      onClick={() => void toggleEnabled(endpoint)}
                    >
                      {endpoint.enabled ? t("disable") : t("enable")}
                    </Button>
                    <Button
                      size="sm"
                      aria-expanded={openLog === endpoint.id}
                      aria-controls={logId}
                      onClick={() => setOpenLog(openLog === endpoint.id ? null : endpoint.id)}
                    >
                      {openLog === endpoint.id ? t("hideLog") : t("showLog")}
                    </Button>
                    <ConfirmButton
                      confirming={isConfirming("rotate")}
                      onAsk={() => setConfirming({ id: endpoint.id, action: "rotate" })}
                      onConfirm={() => void rotate(endpoint)}
                      disabled={busy === endpoint.id}
                      label={t("rotate")}
                      confirmLabel={t("confirmRotate")}
                      srSuffix={endpoint.url}
                      className={buttonClass("secondary")}
                      cancel={cancel}
                    />
                    <ConfirmButton
                      confirming={isConfirming("delete")}
                      onAsk={() => setConfirming({ id: endpoint.id, action: "delete" })}
                      onConfirm={() => void remove(endpoint)}
                      disabled={busy === endpoint.id}
                      label={t("delete")}
                      confirmLabel={t("confirmDelete")}
                      srSuffix={endpoint.url}
                      cancel={cancel}
                    />
                  </div>
                  {isConfirming("rotate") && <p className="text-sm">{t("rotateExplain")}</p>}
                  <div id={logId} hidden={openLog !== endpoint.id}>
                    {openLog === endpoint.id && (
                      <DeliveryLog
                        studioId={studioId}
                        endpointId={endpoint.id}
                        endpointLabel={endpoint.url}
                        timeZone={timeZone}
                        onNotice={setNotice}
                      />
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <CodeExample
        id="webhook-verify"
        heading={t("verifyHeading")}
        intro={t("verifyText")}
        label={t("verifyLabel")}
        code={VERIFY_EXAMPLE}
      >
        <CopyButton
          text={VERIFY_EXAMPLE}
          label={t("copyExample")}
          copiedLabel={t("copiedExample")}
          failedLabel={t("copyFailed")}
          variant="secondary"
        />
      </CodeExample>
    </div>
  );
}

/** Enabled or not, in words and an icon; "turned off after failing" when Latchkey did it. */
function EnabledBadge({ endpoint }: { endpoint: Endpoint }) {
  const t = useTranslations("WebhooksManager");
  if (endpoint.enabled)
    return (
      <Badge tone="success" icon={<CircleCheck aria-hidden="true" className="size-3.5" />}>
        {t("enabled")}
      </Badge>
    );
  if (endpoint.disabledReason === "failing")
    return (
      <Badge tone="danger" icon={<TriangleAlert aria-hidden="true" className="size-3.5" />}>
        {t("disabledFailing")}
      </Badge>
    );
  return (
    <Badge tone="neutral" icon={<CirclePause aria-hidden="true" className="size-3.5" />}>
      {t("disabled")}
    </Badge>
  );
}
