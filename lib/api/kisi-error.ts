import { isKisiError } from "@/lib/kisi/errors";
import type { ErrorCode } from "./error-codes";
import { ApiError } from "./errors";

/** What a caller expects Kisi to say about the studio's key, and the code each answer means. */
export type KisiErrorCodes = {
  /** 401 or 403 to the key: e.g. `kisi_key_invalid` for a stored key, `kisi_key_rejected` for one being connected. */
  authFailure?: ErrorCode;
  /** 403 alone, when it means something narrower than the key (a group it may not issue for). */
  forbidden?: ErrorCode;
};

/**
 * The one translation of a failed Kisi call into the API's error, so every route answers the
 * same thing for the same Kisi answer: a 429 is `rate_limited` with Kisi's own wait as
 * Retry-After (at least a second when Kisi names none), an auth failure the caller expects is
 * its own code, and everything else (5xx, timeouts, redirects, an answer we cannot read, a
 * refusal we did not expect) is `kisi_unavailable`. Kisi's own text never reaches the caller;
 * the error is kept as the cause, for the log. Lives in lib/api, not lib/kisi, so the Kisi
 * client never depends on the HTTP API it serves.
 */
export function kisiApiError(error: unknown, codes: KisiErrorCodes = {}): ApiError {
  if (isKisiError(error)) {
    if (error.isRateLimited)
      return new ApiError("rate_limited", {
        cause: error,
        retryAfterSeconds: Math.ceil((error.retryAfterMs ?? 1000) / 1000),
      });
    const code = error.isForbidden
      ? (codes.forbidden ?? codes.authFailure)
      : error.isKeyRejected
        ? codes.authFailure
        : undefined;
    if (code) return new ApiError(code, { cause: error });
  }
  return new ApiError("kisi_unavailable", { cause: error });
}
