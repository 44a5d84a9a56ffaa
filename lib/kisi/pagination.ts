// `X-Collection-Range: <start>-<end>/<total>` (e.g. `0-9/200`), or `*/0` for an empty
// collection (docs/kisi-api.md §6). Returns null for a missing or unparseable header.
export type CollectionRange =
  { start: number; end: number; total: number } | { start: null; end: null; total: number };

export function parseCollectionRange(header: string | null): CollectionRange | null {
  if (!header) return null;
  const value = header.trim();
  const star = /^\*\/(\d+)$/.exec(value);
  if (star) return { start: null, end: null, total: Number(star[1]) };
  const m = /^(\d+)-(\d+)\/(\d+)$/.exec(value);
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: Number(m[3]) };
}

export type Page<T> = { items: T[]; offset: number; limit: number; total: number | null };

/** Whether another page exists after `page`, judged by the header's total, else by a full page. */
export function hasNextPage<T>(page: Page<T>): boolean {
  if (page.items.length === 0) return false;
  if (page.total !== null) return page.offset + page.items.length < page.total;
  return page.items.length >= page.limit;
}
