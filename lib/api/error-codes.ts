/**
 * Every stable error code Latchkey's HTTP API can answer, with its status and the message key
 * (namespace `Errors`) that explains it to a person. Codes are a public contract (docs/product-rules.md):
 * add new ones freely, never rename one.
 *
 * Every 503 names how long to wait (`retryAfter`, seconds, sent as `Retry-After` unless the
 * thrower knows better): booking systems and the guest page retry on it instead of hammering
 * a Kisi or database that is already struggling (RFC 9110 §10.2.3).
 */
export const ERROR_CODES = {
  invalid_request: { status: 400, message: "invalidRequest" },
  // Answered by the server wrapper (lib/server/request-gate.ts) before Next decodes the path.
  malformed_url: { status: 400, message: "malformedUrl" },
  validation_failed: { status: 422, message: "invalidRequest" },
  unauthorized: { status: 401, message: "unauthorized" },
  forbidden: { status: 403, message: "forbidden" },
  not_found: { status: 404, message: "notFound" },
  method_not_allowed: { status: 405, message: "methodNotAllowed" },
  conflict: { status: 409, message: "conflict" },
  payload_too_large: { status: 413, message: "payloadTooLarge" },
  unsupported_media_type: { status: 415, message: "unsupportedMediaType" },
  rate_limited: { status: 429, message: "rateLimited" },
  internal_error: { status: 500, message: "internal" },
  // Issuing links.
  idempotency_mismatch: { status: 409, message: "idempotencyMismatch" },
  // An externalRef the studio already gave a link with other data (or another issuer's link).
  external_ref_conflict: { status: 409, message: "externalRefConflict" },
  studio_not_ready: { status: 409, message: "studioNotReady" },
  kisi_group_forbidden: { status: 502, message: "kisiGroupForbidden" },
  kisi_key_invalid: { status: 502, message: "kisiKeyInvalid" },
  kisi_key_rejected: { status: 422, message: "kisiKeyRejected" },
  // A link whose stored token was sealed with a key no longer configured (key rotation).
  link_unreadable: { status: 409, message: "linkUnreadable" },
  // The visitor API (docs/product-rules.md): the page maps each to help in the guest's language.
  location_required: { status: 403, message: "locationRequired" },
  location_imprecise: { status: 403, message: "locationImprecise" },
  location_stale: { status: 403, message: "locationStale" },
  too_far: { status: 403, message: "tooFar" },
  // Staff must finish the studio's geofence first: not worth retrying soon.
  geofence_unconfigured: { status: 503, message: "geofenceUnconfigured", retryAfter: 300 },
  not_yet_valid: { status: 403, message: "notYetValid" },
  // Access rules (lib/access-rules): which rule kept the door shut, audited under the same code.
  outside_hours: { status: 403, message: "outsideHours" },
  no_visits_left: { status: 403, message: "noVisitsLeft" },
  first_use_expired: { status: 410, message: "firstUseExpired" },
  expired: { status: 410, message: "expired" },
  revoked: { status: 410, message: "revoked" },
  unknown_door: { status: 404, message: "unknownDoor" },
  // Kisi listed the door to the link, but the studio's own Kisi group does not hold it.
  door_not_in_group: { status: 403, message: "doorNotInGroup" },
  door_offline: { status: 503, message: "doorOffline", retryAfter: 30 },
  locked_down: { status: 423, message: "lockedDown" },
  kisi_unavailable: { status: 503, message: "kisiUnavailable", retryAfter: 5 },
  /** Kisi may have received the unlock but never confirmed it: the door may be open. */
  unlock_unconfirmed: { status: 504, message: "unlockUnconfirmed" },
  service_unavailable: { status: 503, message: "serviceUnavailable", retryAfter: 5 },
  // Staff and invitations (the team page, /invite).
  invitation_invalid: { status: 404, message: "invitationInvalid" },
  // An organization requires two-factor and this person has not set it up (the account page).
  two_factor_required: { status: 403, message: "twoFactorRequired" },
  // A TOTP code presented again (or an older one after a newer was used): each code works once.
  two_factor_code_reused: { status: 401, message: "twoFactorCodeReused" },
  // A passkey's answer that better-auth could not verify (made for another origin or relying
  // party, a malformed attestation): the plugin answers 500 for these, a client's problem.
  passkey_not_accepted: { status: 400, message: "passkeyNotAccepted" },
  invitation_sign_in_required: { status: 409, message: "invitationSignInRequired" },
  already_member: { status: 409, message: "alreadyMember" },
  self_change_refused: { status: 409, message: "selfChangeRefused" },
  // Bulk issue from a CSV: the file as a whole (row problems are listed per row instead).
  csv_empty: { status: 422, message: "csvEmpty" },
  csv_malformed: { status: 422, message: "csvMalformed" },
  csv_missing_columns: { status: 422, message: "csvMissingColumns" },
  csv_too_many_rows: { status: 413, message: "csvTooManyRows" },
  // A webhook URL that is not https, or resolves to a loopback, private or link-local address.
  webhook_url_refused: { status: 422, message: "webhookUrlRefused" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The `Retry-After` a code is sent with when its thrower gives none (every 503 has one). */
export function defaultRetryAfter(code: ErrorCode): number | undefined {
  const spec = ERROR_CODES[code];
  return "retryAfter" in spec ? spec.retryAfter : undefined;
}
export type ErrorMessageKey = (typeof ERROR_CODES)[ErrorCode]["message"];
