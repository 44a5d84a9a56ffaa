/** The API's one error envelope (lib/api/handler.ts), as the browser receives it. */
export type ApiErrorBody = {
  error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
};

/**
 * The dashboard's SWR fetcher: JSON, never cached; otherwise an Error carrying the envelope's
 * message (already in the admin's language), or the status when there is none.
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as T & ApiErrorBody;
  if (!res.ok) throw new Error(body.error?.message ?? String(res.status));
  return body;
}

/**
 * One line for a form's alert: the envelope's message, then each issue as "field: message"
 * (`label` names a field as the form labels it; null leaves the name out), else `fallback`.
 */
export function describeApiError(
  body: ApiErrorBody,
  fallback: string,
  label: (path: string) => string | null = (path) => path,
): string {
  const details = body.error?.issues
    ?.map((i) => {
      const name = label(i.path);
      return name === null ? i.message : `${name}: ${i.message}`;
    })
    .join(" · ");
  return [body.error?.message, details].filter(Boolean).join(" ") || fallback;
}
