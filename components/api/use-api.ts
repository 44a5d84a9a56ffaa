"use client";

import useSWR, { type SWRConfiguration } from "swr";
import useSWRMutation from "swr/mutation";
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
