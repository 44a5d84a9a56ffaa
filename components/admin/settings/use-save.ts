"use client";

import { useState } from "react";

type ApiErrorBody = { error?: { message?: string; issues?: { path: string; message: string }[] } };
type FieldErrors = Record<string, string>;
export type SaveStatus = { kind: "idle" | "saving" | "saved" | "error"; message?: string };

/**
 * One settings form's request: its pending state, a status for its aria-live region, and the
 * API's `issues` by field path (e.g. "branding.primaryColor"), to show beside each field.
 */
export function useSave() {
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [errors, setErrors] = useState<FieldErrors>({});

  async function send<T>(
    url: string,
    init: { method: string; body?: BodyInit; json?: unknown; contentType?: string },
    messages: { saving: string; saved: string; failed: string },
  ): Promise<T | null> {
    setStatus({ kind: "saving", message: messages.saving });
    setErrors({});
    try {
      const res = await fetch(url, {
        method: init.method,
        headers:
          init.json !== undefined
            ? { "Content-Type": "application/json" }
            : init.contentType
              ? { "Content-Type": init.contentType }
              : undefined,
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      });
      const body = (await res.json().catch(() => ({}))) as T & ApiErrorBody;
      if (!res.ok) {
        const issues = body.error?.issues ?? [];
        setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
        setStatus({ kind: "error", message: body.error?.message ?? messages.failed });
        return null;
      }
      setStatus({ kind: "saved", message: messages.saved });
      return body;
    } catch {
      setStatus({ kind: "error", message: messages.failed });
      return null;
    }
  }

  return { status, errors, setErrors, setStatus, send, pending: status.kind === "saving" };
}
