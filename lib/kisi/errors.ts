/**
 * Typed failures of a Kisi call. The message is safe to log: it holds the method, the path
 * (ids only) and Kisi's own `code`/`error` text — never a header, key or secret.
 *
 * kind:
 * - `http`      Kisi answered with a non-2xx status (`status`, `code`, `validationErrors`)
 * - `timeout`   no complete answer within the call's deadline (outcome unknown for writes)
 * - `network`   the connection failed; `connected` says whether the request may have reached Kisi
 * - `malformed` a 2xx whose body is not the documented shape: a failure, never a success
 * - `redirect`  Kisi answered 3xx; redirects are never followed (SECURITY.md D-6)
 * - `aborted`   the caller gave up (its AbortSignal fired) before or during the call
 * - `not_sent`  an unlock whose deadline passed while it waited in the queue: never sent
 */
export type KisiErrorKind =
  "http" | "timeout" | "network" | "malformed" | "redirect" | "aborted" | "not_sent";

/**
 * Next compiles each route with its own module instances, while the Kisi client is one shared
 * object per process: an error thrown by it may come from another copy of this class. A
 * registered symbol is the same in every copy, so identity is checked with it, not instanceof.
 */
const KISI_ERROR = Symbol.for("latchkey.KisiError");

export class KisiError extends Error {
  readonly [KISI_ERROR] = true;
  readonly kind: KisiErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly validationErrors?: Record<string, string[]>;
  readonly retryAfterMs?: number;
  /** For `network`: false when the connection was never established (safe to retry any call). */
  readonly connected?: boolean;

  constructor(init: {
    kind: KisiErrorKind;
    message: string;
    status?: number;
    code?: string;
    validationErrors?: Record<string, string[]>;
    retryAfterMs?: number;
    connected?: boolean;
  }) {
    super(init.message);
    this.name = "KisiError";
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.validationErrors = init.validationErrors;
    this.retryAfterMs = init.retryAfterMs;
    this.connected = init.connected;
  }

  get isRateLimited(): boolean {
    return this.kind === "http" && this.status === 429;
  }

  /** 401/403 on a credential: the key or link is no longer usable (SECURITY.md D-5, S37). */
  get isAuthFailure(): boolean {
    return this.kind === "http" && (this.status === 401 || this.status === 403);
  }

  /** 401 to an API key: Kisi does not know the key (mistyped, revoked, its user removed). */
  get isKeyRejected(): boolean {
    return this.kind === "http" && this.status === 401;
  }

  /**
   * 403 to an API key: the key is fine, but its user may not do this — for `POST /group_links`,
   * "no permission for this group" (a Group-Manager key on another group). The key still works
   * for everything else, so it is not a reason to stop using it.
   */
  get isForbidden(): boolean {
    return this.kind === "http" && this.status === 403;
  }

  /**
   * True when a write may have been applied by Kisi although we got no answer: a create in this
   * state must be reconciled, never blindly retried (SECURITY.md J-4).
   */
  get outcomeUnknown(): boolean {
    return this.kind === "timeout" || (this.kind === "network" && this.connected !== false);
  }

  /**
   * For `POST /group_links`: could Kisi have created the link? Besides an answer never heard, a
   * 5xx (a gateway or a crash after the insert) and a 200 whose body is not a link (we cannot
   * read the id or secret of what may well exist) leave it open. Such a create is reconciled by
   * the link's unique name before any retry, never retried blindly.
   */
  get createOutcomeUnknown(): boolean {
    return (
      this.outcomeUnknown ||
      this.kind === "malformed" ||
      (this.kind === "http" && (this.status ?? 0) >= 500)
    );
  }
}

export function isKisiError(value: unknown): value is KisiError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[KISI_ERROR] === true
  );
}
