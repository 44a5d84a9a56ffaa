import type { ErrorCode } from "./error-codes";

/**
 * One problem with one field. `message` is for people (in the caller's language); `code`, when
 * the problem is one of Latchkey's own rules (e.g. `controlCharacters`, `untilBeforeFrom`), is
 * stable for programs, like the envelope's own code. Zod's built-in checks carry no code.
 */
export type ErrorIssue = { path: string; message: string; code?: string };

/**
 * The one error type route code throws on purpose. The wrapper turns it into
 * `{ error: { code, message, issues? } }` with the code's status and a localized message.
 */
/** See lib/kisi/errors.ts: identity across the per-route module copies Next makes. */
const API_ERROR = Symbol.for("latchkey.ApiError");

export class ApiError extends Error {
  readonly [API_ERROR] = true;
  readonly code: ErrorCode;
  readonly issues?: ErrorIssue[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    options: { issues?: ErrorIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export type ErrorBody = { error: { code: string; message: string; issues?: ErrorIssue[] } };

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[API_ERROR] === true
  );
}
