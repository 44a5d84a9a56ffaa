/** The dashboard's SWR fetcher: JSON, never cached, an Error carrying the status otherwise. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(String(res.status));
  return (await res.json()) as T;
}
