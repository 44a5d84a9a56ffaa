"use client";

import { CircleAlert, CircleCheck, Clock, LoaderCircle } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useApi } from "@/components/api/use-api";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ListStatus } from "@/components/ui/feedback";
import { callApi } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { listWebhookDeliveries, redeliverWebhook } from "@/lib/contracts/webhooks";

type Delivery = Result<typeof listWebhookDeliveries>["items"][number];

const STATUS_LOOK: Record<Delivery["status"], { tone: BadgeTone; Icon: typeof Clock }> = {
  pending: { tone: "warning", Icon: Clock },
  delivering: { tone: "info", Icon: LoaderCircle },
  delivered: { tone: "success", Icon: CircleCheck },
  failed: { tone: "danger", Icon: CircleAlert },
};

/** A delivery's state as a badge: its word and an icon, the colour only on top. */
export function DeliveryStatus({ status }: { status: Delivery["status"] }) {
  const t = useTranslations("WebhooksManager");
  const { tone, Icon } = STATUS_LOOK[status];
  return (
    <Badge tone={tone} icon={<Icon aria-hidden="true" className="size-3.5" />}>
      {t(`deliveryStatus.${status}`)}
    </Badge>
  );
}

/**
 * An endpoint's newest deliveries, refreshed every few seconds while shown (retries happen in
 * the background), with "Redeliver" for each. Times are in the studio's time zone, which the
 * table's caption names.
 */
export function DeliveryLog({
  studioId,
  endpointId,
  endpointLabel,
  timeZone,
  onNotice,
}: {
  studioId: string;
  endpointId: string;
  endpointLabel: string;
  timeZone: string;
  onNotice: (message: string) => void;
}) {
  const t = useTranslations("WebhooksManager");
  const format = useFormatter();
  const { data, error, isLoading, mutate } = useApi(
    listWebhookDeliveries,
    { params: { studioId, endpointId }, query: { limit: 50 } },
    { refreshInterval: 3_000 },
  );
  const when = (iso: string | null) =>
    iso
      ? format.dateTime(new Date(iso), {
          dateStyle: "medium",
          timeStyle: "medium",
          timeZone,
        })
      : "—";

  async function redeliver(delivery: Delivery) {
    try {
      await callApi(redeliverWebhook, {
        params: { studioId, endpointId, deliveryId: delivery.id },
      });
      onNotice(t("redelivered", { type: delivery.type }));
    } catch {
      onNotice(t("redeliverFailed"));
    }
    await mutate();
  }

  const items = data?.items ?? [];
  return (
    <div className="space-y-2">
      <ListStatus
        error={error}
        loading={isLoading && !data}
        empty={Boolean(data && items.length === 0)}
        messages={{
          failed: t("deliveriesFailed"),
          loading: t("loading"),
          empty: t("deliveriesEmpty"),
        }}
      />
      {items.length > 0 && (
        <div
          className="overflow-x-auto rounded-lg border border-ink/15"
          tabIndex={0}
          role="region"
          aria-label={t("deliveriesLabel", { endpoint: endpointLabel })}
        >
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="px-3 py-2 text-left text-ink-muted">
              {t("timesIn", { timeZone })}
            </caption>
            <thead className="bg-ink/5">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("colEvent")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("colStatus")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("colAttempts")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("colResponse")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("colLastAttempt")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("colNextAttempt")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  <span className="sr-only">{t("colActions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink/10">
              {items.map((d) => (
                <tr key={d.id} data-testid="webhook-delivery">
                  <td className="px-3 py-2 font-mono">{d.type}</td>
                  <td className="px-3 py-2">
                    <DeliveryStatus status={d.status} />
                  </td>
                  <td className="px-3 py-2" data-testid="delivery-attempts">
                    {d.attempts}
                  </td>
                  <td className="px-3 py-2">
                    {d.lastStatusCode !== null
                      ? t("responseCode", { code: d.lastStatusCode })
                      : d.lastError
                        ? t("responseError", { error: d.lastError })
                        : "—"}
                  </td>
                  <td className="px-3 py-2">{when(d.lastAttemptAt)}</td>
                  <td className="px-3 py-2">{when(d.nextAttemptAt)}</td>
                  <td className="px-3 py-2">
                    <Button size="sm" onClick={() => void redeliver(d)}>
                      {t("redeliver")}
                      <span className="sr-only">
                        {" "}
                        — {d.type}, {when(d.createdAt)}
                      </span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
