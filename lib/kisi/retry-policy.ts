import type { KisiError } from "./errors";

/**
 * When a failed Kisi call may be tried again (SECURITY.md J-2). Three policies:
 * - `idempotent` (GET, DELETE): up to 3 attempts on 429, 502, 503, 504, timeouts and network
 *   errors, capped exponential backoff with full jitter, honouring Retry-After.
 * - `unlock`: at most one retry, only when the request cannot have reached Kisi (connection
 *   never established) or Kisi says the controller is briefly unavailable (503 fac00x/fbc000).
 *   A door that opens late, when nobody is there, is a security problem; 429 is never waited on.
 * - `create` (POST /group_links): retried only when Kisi certainly did nothing — a 429 (its rate
 *   limiter answers before the request is handled; several instances or a busy studio can meet
 *   one) or a connection that was never established. Any other failure may have created the
 *   link, so it is reconciled by name instead of retried (SECURITY.md J-4).
 */
export type RetryPolicy = "idempotent" | "unlock" | "create";

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const TRANSIENT_UNLOCK_CODES = /^(fac00[1-4]|fbc000)$/;

export const MAX_ATTEMPTS: Record<RetryPolicy, number> = { idempotent: 3, unlock: 2, create: 3 };

export function isRetryable(policy: RetryPolicy, error: KisiError): boolean {
  switch (policy) {
    case "create":
      if (error.kind === "network") return error.connected === false;
      return error.isRateLimited;
    case "unlock":
      if (error.kind === "network") return error.connected === false;
      return (
        error.kind === "http" &&
        error.status === 503 &&
        TRANSIENT_UNLOCK_CODES.test(error.code ?? "")
      );
    case "idempotent":
      if (error.kind === "timeout" || error.kind === "network") return true;
      return error.kind === "http" && RETRYABLE_STATUS.has(error.status ?? 0);
  }
}

const BASE_MS = 500;
const CAP_MS = 8_000;
const RETRY_AFTER_CAP_MS = 60_000;
/** Kisi's guidance for bulk work when it does not say how long to wait. */
const MIN_AFTER_429_MS = 1_000;

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  error: KisiError,
  // eslint-disable-next-line no-restricted-properties -- jitter only, nothing secret
  random: () => number = Math.random,
): number {
  if (policy === "unlock") return 300 + Math.floor(random() * 500);
  const backoff = Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1)));
  if (error.retryAfterMs !== undefined)
    return Math.min(Math.max(error.retryAfterMs, backoff), RETRY_AFTER_CAP_MS);
  if (error.isRateLimited) return Math.max(MIN_AFTER_429_MS, backoff);
  return backoff;
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or invalid. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
