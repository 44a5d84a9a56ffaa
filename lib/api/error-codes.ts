/**
 * Every stable error code Latchkey's HTTP API can answer, with its status and the message key
 * (namespace `Errors`) that explains it to a person. Codes are a public contract (product.md):
 * add new ones freely, never rename one.
 */
export const ERROR_CODES = {
  invalid_request: { status: 400, message: "invalidRequest" },
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
  kisi_unavailable: { status: 503, message: "kisiUnavailable" },
  service_unavailable: { status: 503, message: "serviceUnavailable" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorMessageKey = (typeof ERROR_CODES)[ErrorCode]["message"];
