import type { ErrorCode } from "./error-codes";

export type ErrorIssue = { path: string; message: string };

/**
 * The one error type route code throws on purpose. The wrapper turns it into
 * `{ error: { code, message, issues? } }` with the code's status and a localized message.
 */
export class ApiError extends Error {
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
