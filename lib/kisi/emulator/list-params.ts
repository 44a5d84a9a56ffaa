import type { RouteResult } from "./route-types";
import { badRequest } from "./errors";
import type { CollectionRangeStyle } from "./types";

export type Query = Record<string, string>;

/** Kisi's spec caps every list at `limit` ≤ 250 and `offset` ≤ 20000. */
const MAX_LIMIT = 250;
const MAX_OFFSET = 20000;

function parseInteger(value: string, name: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw badRequest(`The ${name} parameter must be an integer.`);
  return Number(value);
}

export function optionalInt(query: Query, name: string): number | undefined {
  const raw = query[name];
  return raw === undefined || raw === "" ? undefined : parseInteger(raw, name);
}

export function optionalBool(query: Query, name: string): boolean | undefined {
  const raw = query[name];
  if (raw === undefined || raw === "") return undefined;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw badRequest(`The ${name} parameter must be true or false.`);
}

/** `ids=1,2,3` ([I]: the spec only says "Filter by object IDs"; comma-separated is the usual Kisi form). */
export function optionalIds(query: Query): Set<number> | undefined {
  const raw = query.ids;
  if (raw === undefined || raw === "") return undefined;
  const parts = raw.split(",").map((part) => part.trim());
  return new Set(parts.filter((part) => part !== "").map((part) => parseInteger(part, "ids")));
}

export function optionalEnum<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = query[name];
  if (raw === undefined || raw === "") return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw badRequest(`The ${name} parameter must be one of: ${allowed.join(", ")}.`);
}

export function textMatches(needle: string | undefined, ...haystacks: (string | null)[]): boolean {
  if (needle === undefined || needle === "") return true;
  const lower = needle.toLowerCase();
  return haystacks.some((hay) => hay !== null && hay.toLowerCase().includes(lower));
}

export interface Page {
  limit: number;
  offset: number;
}

export function parsePage(query: Query, defaultLimit: number): Page {
  const limit = optionalInt(query, "limit") ?? defaultLimit;
  const offset = optionalInt(query, "offset") ?? 0;
  if (limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`The limit parameter must be between 1 and ${MAX_LIMIT}.`);
  }
  if (offset < 0 || offset > MAX_OFFSET) {
    throw badRequest(`The offset parameter must be between 0 and ${MAX_OFFSET}.`);
  }
  return { limit, offset };
}

/**
 * `X-Collection-Range: <start>-<end>/<total>`; `*\/0` for an empty collection (Kisi's JS
 * client test). See CollectionRangeStyle for which `end` is used.
 */
export function collectionRange(
  page: Page,
  returned: number,
  total: number,
  style: CollectionRangeStyle,
): string {
  if (total === 0) return "*/0";
  const requestedEnd = page.offset + page.limit - 1;
  const end = style === "returned" && returned > 0 ? page.offset + returned - 1 : requestedEnd;
  return `${page.offset}-${end}/${total}`;
}

/** A 200 with one page of a collection, serialized, and its X-Collection-Range header. */
export function pagedReply<T>(
  items: readonly T[],
  page: Page,
  style: CollectionRangeStyle,
  serialize: (item: T) => unknown,
): RouteResult {
  const result = paginate(items, page, style);
  return {
    status: 200,
    body: result.items.map(serialize),
    headers: { "X-Collection-Range": result.range },
  };
}

export function paginate<T>(
  items: readonly T[],
  page: Page,
  style: CollectionRangeStyle,
): { items: T[]; range: string } {
  const slice = items.slice(page.offset, page.offset + page.limit);
  return { items: slice, range: collectionRange(page, slice.length, items.length, style) };
}
