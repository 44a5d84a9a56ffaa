"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { ApiRequestError, callApi, callUrl, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { bulkTemplate, createBulk, previewBulk } from "@/lib/contracts/bulk";
import { BulkProgress } from "./bulk-progress";

type Preview = Result<typeof previewBulk>;

/** The text as the upload the contract takes: CSV, UTF-8. */
const csvFile = (text: string) => new Blob([text], { type: "text/csv;charset=utf-8" });

/**
 * Bulk issue: a CSV is uploaded or pasted, checked on the server (the preview lists every bad
 * row by number and field), then the valid rows become a batch the server works through.
 */
export function BulkIssue({
  studioId,
  timeZone,
  initialBatchId,
}: {
  studioId: string;
  timeZone: string;
  initialBatchId: string | null;
}) {
  const t = useTranslations("BulkIssue");
  const format = useFormatter();
  const router = useRouter();
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [checkedCsv, setCheckedCsv] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<"check" | "issue" | null>(null);
  const [batchId, setBatchId] = useState<string | null>(initialBatchId);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const params = { studioId };

  // Move focus to a new result once it is on screen, so keyboard and screen-reader users land on
  // what changed (focusing from the fetch callback could run before React had rendered it).
  useEffect(() => {
    if (preview) resultHeading.current?.focus();
  }, [preview]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setPreview(null);
  }

  async function check() {
    setPending("check");
    setError(null);
    setPreview(null);
    try {
      setPreview(await callApi(previewBulk, { params, body: csvFile(csv) }));
      setCheckedCsv(csv);
    } catch (failure) {
      setError(describeError(failure, t("checkFailed")));
    } finally {
      setPending(null);
    }
  }

  async function issue() {
    setPending("issue");
    setError(null);
    try {
      const batch = await callApi(createBulk, {
        params,
        query: { skipInvalid: "true" },
        body: csvFile(checkedCsv),
      });
      setBatchId(batch.id);
      setPreview(null);
      setCsv("");
      router.replace(`?batch=${batch.id}`, { scroll: false });
    } catch (failure) {
      // The file's rows refused (422): say which; anything else in one line.
      setError(
        failure instanceof ApiRequestError && failure.status === 422
          ? describeError(failure, t("checkFailed"))
          : (failure instanceof ApiRequestError && failure.message) || t("issueFailed"),
      );
    } finally {
      setPending(null);
    }
  }

  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short", timeZone });
  const field = "w-full rounded-lg border border-ink/30 px-3";
  return (
    <div className="space-y-6">
      {batchId && <BulkProgress studioId={studioId} batchId={batchId} />}
      <div className="space-y-4">
        <p id="bulk-csv-hint" className="text-sm text-ink-muted">
          {t("csvHint")}
        </p>
        <p>
          <a
            href={callUrl(bulkTemplate, { params })}
            download
            className="inline-flex min-h-11 items-center text-brand underline underline-offset-4"
          >
            {t("template")}
          </a>
        </p>
        <div className="space-y-1">
          <label htmlFor="bulk-file" className="block font-medium">
            {t("fileLabel")}
          </label>
          <input
            id="bulk-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void onFile(e)}
            className="block min-h-11"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="bulk-csv" className="block font-medium">
            {t("csvLabel")}
          </label>
          <textarea
            id="bulk-csv"
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              setPreview(null);
            }}
            rows={8}
            spellCheck={false}
            aria-describedby="bulk-csv-hint"
            className={`${field} py-2 font-mono text-sm`}
          />
        </div>
        <button
          type="button"
          onClick={() => void check()}
          disabled={pending !== null || csv.trim() === ""}
          className="min-h-12 rounded-lg border border-ink/30 px-5 font-semibold disabled:opacity-60"
        >
          {pending === "check" ? t("checking") : t("check")}
        </button>
        {error && (
          <p role="alert" className="font-medium text-red-800">
            {error}
          </p>
        )}
      </div>
      {preview && (
        <div className="space-y-4">
          <h3 ref={resultHeading} tabIndex={-1} className="text-lg font-semibold">
            {t("previewHeading", { count: preview.valid.length })}
          </h3>
          {preview.errors.length > 0 && (
            <div className="space-y-2 rounded-xl border border-red-800/40 bg-red-50 p-4">
              <h4 className="font-semibold text-red-800">
                {t("errorsHeading", { count: new Set(preview.errors.map((e) => e.row)).size })}
              </h4>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {preview.errors.map((e) => (
                  <li key={`${e.row}-${e.field ?? ""}-${e.code}`}>
                    {e.field
                      ? t("errorLine", { row: e.row, field: e.field, message: e.message })
                      : t("errorLineNoField", { row: e.row, message: e.message })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview.valid.length > 0 && (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("previewCaption")}</caption>
                <thead>
                  <tr className="border-b border-ink/15">
                    <th scope="col" className="p-2">
                      {t("colRow")}
                    </th>
                    <th scope="col" className="p-2">
                      {t("colName")}
                    </th>
                    <th scope="col" className="p-2">
                      {t("colEmail")}
                    </th>
                    <th scope="col" className="p-2">
                      {t("colLanguage")}
                    </th>
                    <th scope="col" className="p-2">
                      {t("colWindow")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.valid.map((r) => (
                    <tr key={r.row} className="border-b border-ink/10">
                      <td className="p-2">{r.row}</td>
                      <td className="p-2">{r.name}</td>
                      <td className="p-2">{r.email ?? t("noEmail")}</td>
                      <td className="p-2">{r.locale}</td>
                      <td className="p-2">
                        {t("window", { from: when(r.validFrom), until: when(r.validUntil) })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.valid.length > 0 && (
            <button
              type="button"
              onClick={() => void issue()}
              disabled={pending !== null}
              className="min-h-12 rounded-lg bg-brand px-5 font-semibold text-brand-contrast disabled:opacity-70"
            >
              {pending === "issue" ? t("issuing") : t("issue", { count: preview.valid.length })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
