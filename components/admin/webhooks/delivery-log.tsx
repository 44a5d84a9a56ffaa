"use client";

import { clsx } from "clsx";
import { CircleAlert, CircleCheck, Clock, LoaderCircle } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
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

  const response = (d: Delivery) =>
    d.lastStatusCode !== null
      ? t("responseCode", { code: d.lastStatusCode })
      : d.lastError
        ? t("responseError", { error: d.lastError })
        : "—";
  /** The log's columns, once: the table's headers and cells, and the phone's card labels. */
  const columns: {
    key: string;
    header: string;
    hideHeader?: boolean;
    cell: (d: Delivery) => ReactNode;
  }[] = [
    {
      key: "event",
      header: t("colEvent"),
      cell: (d) => <span className="font-mono">{d.type}</span>,
    },
    { key: "status", header: t("colStatus"), cell: (d) => <DeliveryStatus status={d.status} /> },
    {
      key: "attempts",
      header: t("colAttempts"),
      cell: (d) => <span data-testid="delivery-attempts">{d.attempts}</span>,
    },
    { key: "response", header: t("colResponse"), cell: response },
    { key: "last", header: t("colLastAttempt"), cell: (d) => when(d.lastAttemptAt) },
    { key: "next", header: t("colNextAttempt"), cell: (d) => when(d.nextAttemptAt) },
    {
      key: "actions",
      header: t("colActions"),
      hideHeader: true,
      cell: (d) => (
        <Button size="sm" onClick={() => void redeliver(d)}>
          {t("redeliver")}
          <span className="sr-only">
            {" "}
            — {d.type}, {when(d.createdAt)}
          </span>
        </Button>
      ),
    },
  ];

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
          className="rounded-lg border border-ink/15 max-md:border-0 md:overflow-x-auto"
          tabIndex={0}
          role="region"
          aria-label={t("deliveriesLabel", { endpoint: endpointLabel })}
        >
          {/*
            One table, laid out as a card per delivery on a phone (below md): each cell then
            shows its column's header beside its value, both from the one column list, so a
            phone never scrolls sideways and the table and the cards cannot drift apart.
          */}
          <table className="w-full text-left text-sm max-md:block md:min-w-[44rem]">
            <caption className="px-3 py-2 text-left text-ink-muted max-md:block max-md:px-0">
              {t("timesIn", { timeZone })}
            </caption>
            <thead className="bg-ink/5 max-md:sr-only">
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col" className="px-3 py-2 font-semibold">
                    {column.hideHeader ? (
                      <span className="sr-only">{column.header}</span>
                    ) : (
                      column.header
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-ink/10 max-md:block max-md:space-y-2 max-md:divide-y-0">
              {items.map((d) => (
                <tr
                  key={d.id}
                  data-testid="webhook-delivery"
                  className="max-md:grid max-md:grid-cols-[max-content_minmax(0,1fr)] max-md:items-center max-md:gap-x-3 max-md:gap-y-1 max-md:rounded-lg max-md:border max-md:border-ink/15 max-md:p-3"
                >
                  {columns.map((column) => (
                    <td key={column.key} className="px-3 py-2 max-md:contents">
                      {!column.hideHeader && (
                        <span className="text-ink-muted md:hidden">{column.header}</span>
                      )}
                      <span
                        className={clsx(
                          "break-words",
                          column.hideHeader && "max-md:col-span-2 max-md:pt-1",
                        )}
                      >
                        {column.cell(d)}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
