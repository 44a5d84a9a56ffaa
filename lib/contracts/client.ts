import type { ErrorIssue } from "@/lib/api/errors";
import {
  fillPath,
  type BodyInput,
  type ContractSpec,
  type ParamsInput,
  type QueryInput,
  type Result,
} from "./define";

/**
 * A failed call, from the one error envelope: `code` is stable, `message` and each issue's
 * message are already in the reader's language. A network failure is `network_error` (status 0).
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ErrorIssue[] = [],
    /** The server's Retry-After, seconds, when it sent one (rate limits, Kisi busy). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  /** The issues by field path (`validUntil` → its message), to show beside each form field. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.issues.map((i) => [i.path, i.message]));
  }
}

export type CallInput<C extends ContractSpec> = {
  params?: ParamsInput<C>;
  query?: QueryInput<C>;
  body?: BodyInput<C>;
  /** The upload of a `binaryBody` contract (a logo file), sent as is. */
  bytes?: Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/**
 * What callApi needs of a contract at run time. A caller that must not ship the contract's zod
 * schemas (the guest page) passes a `RouteOf` the contract instead: its method and path only,
 * typed as the contract so inputs and results are still checked (lib/contracts/visitor-client.ts).
 */
export type CallTarget = Pick<ContractSpec, "method" | "path"> &
  Partial<Pick<ContractSpec, "success" | "binaryBody">>;
export type RouteOf<C extends ContractSpec> = CallTarget & { readonly __contract?: C };

/** The request URL of a call: the contract's path with its params, and the query. */
export function callUrl<C extends ContractSpec>(
  contract: C | RouteOf<C>,
  input: Pick<CallInput<C>, "params" | "query"> = {},
): string {
  const path = fillPath(contract.path, (input.params ?? {}) as Record<string, string>);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>))
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls an endpoint by its contract: the one `fetch` of the dashboard. Same-origin with the
 * session cookie, never cached; JSON in and out (a non-JSON success, e.g. a QR image, is a Blob;
 * an upload contract's body is a Blob too).
 */
export async function callApi<C extends ContractSpec>(
  contract: C | RouteOf<C>,
  input: CallInput<C> = {},
): Promise<Result<C>> {
  let res: Response;
  // An upload (a CSV file) goes as it is, typed by the Blob's own type; anything else is JSON.
  const raw = input.body instanceof Blob;
  try {
    res = await fetch(callUrl(contract, input), {
      method: contract.method,
      cache: "no-store",
      signal: input.signal,
      headers: {
        ...(input.body !== undefined && !raw ? { "Content-Type": "application/json" } : {}),
        ...(input.bytes !== undefined && contract.binaryBody !== undefined
          ? { "Content-Type": contract.binaryBody.media }
          : {}),
        ...input.headers,
      },
      body: raw
        ? (input.body as Blob)
        : input.body !== undefined
          ? JSON.stringify(input.body)
          : input.bytes,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiRequestError(0, "network_error", "");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; issues?: ErrorIssue[] };
    } | null;
    throw new ApiRequestError(
      res.status,
      body?.error?.code ?? "internal_error",
      body?.error?.message ?? "",
      body?.error?.issues ?? [],
      retryAfter(res.headers.get("retry-after")),
    );
  }
  if (contract.success?.status === 204) return undefined as Result<C>;
  if (contract.success && "media" in contract.success) return (await res.blob()) as Result<C>;
  return (await res.json()) as Result<C>;
}

function retryAfter(header: string | null): number | null {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/**
 * One line for a form's alert: the envelope's message, then each issue as "field: message"
 * (`label` names a field as the form labels it; null leaves the name out), else `fallback`.
 */
export function describeError(
  error: unknown,
  fallback: string,
  label: (path: string) => string | null = (path) => path,
): string {
  if (!(error instanceof ApiRequestError)) return fallback;
  const details = error.issues
    .map((i) => {
      const name = label(i.path);
      return name === null ? i.message : `${name}: ${i.message}`;
    })
    .join(" · ");
  return [error.message, details].filter(Boolean).join(" ") || fallback;
}

/** Whether a call succeeded, for one-line notices that say what failed without the details. */
export function succeeded(call: Promise<unknown>): Promise<boolean> {
  return call.then(
    () => true,
    () => false,
  );
}
