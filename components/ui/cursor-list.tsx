"use client";

import useSWRInfinite, { type SWRInfiniteConfiguration } from "swr/infinite";
import { buttonClass } from "./button";
import { fetchJson } from "./fetch-json";

type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A newest-first list the API pages with `nextCursor`: the pages so far, flattened, and
 * whether there are older ones. `filters` become query parameters (empty ones are left out).
 */
export function useCursorList<T>(
  base: string,
  filters: Record<string, string>,
  options?: SWRInfiniteConfiguration<CursorPage<T>>,
) {
  const swr = useSWRInfinite<CursorPage<T>>(
    (_index, previous: CursorPage<T> | null) => {
      if (previous && !previous.nextCursor) return null;
      const params = new URLSearchParams({
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
        ...(previous?.nextCursor ? { cursor: previous.nextCursor } : {}),
      });
      return `${base}?${params}`;
    },
    fetchJson,
    options,
  );
  const { data, size, setSize } = swr;
  return {
    ...swr,
    items: data?.flatMap((page) => page.items) ?? [],
    hasMore: Boolean(data?.at(-1)?.nextCursor),
    loadMore: () => void setSize(size + 1),
    /** Back to the first page, e.g. when a filter changes. */
    reset: () => void setSize(1),
  };
}

/** The "show older" button under a cursor list; nothing when there is nothing older. */
export function ShowOlder({
  hasMore,
  onClick,
  label,
  className = buttonClass("secondary"),
}: {
  hasMore: boolean;
  onClick: () => void;
  label: string;
  className?: string;
}) {
  if (!hasMore) return null;
  return (
    <button type="button" onClick={onClick} className={className}>
      {label}
    </button>
  );
}
