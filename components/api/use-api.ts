"use client";

import useSWR, { type SWRConfiguration } from "swr";
import useSWRInfinite, { type SWRInfiniteConfiguration } from "swr/infinite";
import useSWRMutation from "swr/mutation";
import type { z } from "zod";
import { callApi, callUrl, type CallInput } from "@/lib/contracts/client";
import type { ContractSpec, Result } from "@/lib/contracts/define";

/**
 * A read, by contract: swr keyed on the request URL, so every component reading the same list
 * shares one request and one cache entry. `null` input pauses it.
 */
export function useApi<C extends ContractSpec>(
  contract: C,
  input: Pick<CallInput<C>, "params" | "query"> | null,
  config?: SWRConfiguration<Result<C>>,
) {
  const key = input === null ? null : callUrl(contract, input);
  return useSWR<Result<C>>(key, () => callApi(contract, input ?? {}), config);
}

/**
 * A write, by contract (`useSWRMutation`): `trigger({ body })` calls it, `isMutating` drives the
 * button, and a failure throws an ApiRequestError whose `fieldErrors()` map onto the form.
 */
export function useApiMutation<C extends ContractSpec>(
  contract: C,
  params?: CallInput<C>["params"],
) {
  const key = callUrl(contract, { params }) + `#${contract.method}`;
  return useSWRMutation<Result<C>, Error, string, Omit<CallInput<C>, "params"> | undefined>(
    key,
    (_key, { arg }) => callApi(contract, { ...arg, params }),
    { throwOnError: true },
  );
}

/** The URL a read of this contract is cached under, to revalidate it after a write. */
export const apiKey = callUrl;

type CursorPage = { items: unknown[]; nextCursor: string | null };
type PagedContract = ContractSpec & { success: { schema: z.ZodType<CursorPage> } };

/**
 * A newest-first list the API pages with `nextCursor` (audit, activity, outbox): the pages so
 * far, flattened, and whether there are older ones. `filters` are the contract's query without
 * the cursor; empty ones are left out.
 */
export function useApiPages<C extends PagedContract>(
  contract: C,
  params: CallInput<C>["params"],
  filters: Record<string, string>,
  options?: SWRInfiniteConfiguration<Result<C>>,
) {
  const query = (cursor?: string) =>
    ({
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
      ...(cursor ? { cursor } : {}),
    }) as CallInput<C>["query"];
  const swr = useSWRInfinite<Result<C>>(
    (_index, previous: Result<C> | null) => {
      if (previous && !(previous as CursorPage).nextCursor) return null;
      const cursor = (previous as CursorPage | null)?.nextCursor ?? undefined;
      return [callUrl(contract, { params, query: query(cursor) }), cursor ?? ""];
    },
    ([, cursor]: [string, string]) =>
      callApi(contract, { params, query: query(cursor || undefined) }),
    options,
  );
  const { data, size, setSize } = swr;
  const pages = (data ?? []) as CursorPage[];
  return {
    ...swr,
    items: pages.flatMap((page) => page.items) as Result<C> extends { items: infer I } ? I : never,
    hasMore: Boolean(pages.at(-1)?.nextCursor),
    loadMore: () => void setSize(size + 1),
    /** Back to the first page, e.g. when a filter changes. */
    reset: () => void setSize(1),
  };
}
