"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useApi } from "@/components/api/use-api";
import { succeeded, callApi } from "@/lib/contracts/client";
import { getBulk, retryBulk } from "@/lib/contracts/bulk";

/** A batch's progress, polled every second until it is done; per-row results and a retry. */
export function BulkProgress({ studioId, batchId }: { studioId: string; batchId: string }) {
  const t = useTranslations("BulkProgress");
  const page = useTranslations("BulkPage");
  const [retryError, setRetryError] = useState(false);
  const params = { studioId, batchId };
  const { data, error, mutate } = useApi(
    getBulk,
    { params },
    { refreshInterval: (latest) => (latest?.status === "done" ? 0 : 1_000) },
  );

  async function retry() {
    setRetryError(false);
    if (!(await succeeded(callApi(retryBulk, { params })))) setRetryError(true);
    await mutate();
  }

  const done = data ? data.issued + data.failed : 0;
  const percent = data && data.total > 0 ? Math.round((done / data.total) * 100) : 0;
  const bar = useRef<HTMLDivElement>(null);
  // Set through the DOM, not a style attribute: the page's CSP allows no inline styles.
  useEffect(() => {
    if (bar.current) bar.current.style.width = `${percent}%`;
  }, [percent]);
  return (
    <section
      aria-labelledby="bulk-progress-heading"
      className="space-y-3 rounded-xl border border-ink/15 p-4"
    >
      <h3 id="bulk-progress-heading" className="text-lg font-semibold">
        {page("progressHeading")}
      </h3>
      {error && <p role="alert">{t("loadFailed")}</p>}
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        className="h-4 w-full overflow-hidden rounded-full border border-ink/30 bg-surface"
      >
        <div ref={bar} className="h-full w-0 bg-brand transition-[width]" />
      </div>
      <p role="status" aria-live="polite" className="min-h-6 text-sm">
        {data &&
          (data.status === "done"
            ? t("done", { issued: data.issued, failed: data.failed })
            : t("summary", { done, total: data.total, issued: data.issued, failed: data.failed }))}
      </p>
      {data && data.status === "done" && data.failed > 0 && (
        <button
          type="button"
          onClick={() => void retry()}
          className="min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium"
        >
          {t("retry")}
        </button>
      )}
      {retryError && <p role="alert">{t("retryFailed")}</p>}
      {data && (
        <div className="max-h-96 overflow-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-ink/15">
                <th scope="col" className="p-2">
                  {t("colRow")}
                </th>
                <th scope="col" className="p-2">
                  {t("colName")}
                </th>
                <th scope="col" className="p-2">
                  {t("colResult")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.row} className="border-b border-ink/10">
                  <td className="p-2">{r.row}</td>
                  <td className="p-2">{r.name}</td>
                  <td className="p-2">
                    {r.status === "issued" && r.linkId ? (
                      <Link
                        href={`/dashboard/studios/${studioId}/links/${r.linkId}`}
                        className="text-brand underline underline-offset-4"
                      >
                        {t("issued")}
                        <span className="sr-only"> — {t("open", { row: r.row })}</span>
                      </Link>
                    ) : r.status === "failed" ? (
                      <span className="text-red-800">
                        {t("failedReason", { reason: r.error?.message ?? "" })}
                      </span>
                    ) : (
                      t("pending")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
