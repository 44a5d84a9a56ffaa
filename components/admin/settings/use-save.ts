"use client";

import { useState } from "react";
import { ApiRequestError, callApi, type CallInput } from "@/lib/contracts/client";
import type { ContractSpec, Result } from "@/lib/contracts/define";

type FieldErrors = Record<string, string>;
export type SaveStatus = { kind: "idle" | "saving" | "saved" | "error"; message?: string };

/**
 * One settings form's request, by contract: its pending state, a status for its aria-live
 * region, and the API's `issues` by field path (e.g. "branding.primaryColor"). A react-hook-form
 * form passes its `applyServerError` to get them under its fields instead.
 */
export function useSave() {
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [errors, setErrors] = useState<FieldErrors>({});

  async function send<C extends ContractSpec>(
    contract: C,
    input: CallInput<C>,
    messages: { saving: string; saved: string; failed: string },
    applyServerError?: (error: unknown) => boolean,
  ): Promise<Result<C> | null> {
    setStatus({ kind: "saving", message: messages.saving });
    setErrors({});
    try {
      const result = await callApi(contract, input);
      setStatus({ kind: "saved", message: messages.saved });
      return result;
    } catch (error) {
      const failure = error instanceof ApiRequestError ? error : null;
      if (failure && !applyServerError?.(failure)) setErrors(failure.fieldErrors());
      setStatus({ kind: "error", message: failure?.message || messages.failed });
      return null;
    }
  }

  return { status, errors, setErrors, setStatus, send, pending: status.kind === "saving" };
}
