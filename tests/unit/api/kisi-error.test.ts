import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/api/error-codes";
import { kisiApiError, type KisiErrorCodes } from "@/lib/api/kisi-error";
import { KisiError, type KisiErrorKind } from "@/lib/kisi/errors";

const kisi = (kind: KisiErrorKind, status?: number, retryAfterMs?: number) =>
  new KisiError({ kind, status, retryAfterMs, message: `GET /groups: ${kind} ${status ?? ""}` });

// What each caller asks for: the route wrapper (nothing), settings and doors (a stored key),
// connecting a key, issuing a link (a stored key, and 403 meaning "not for this group").
const STORED: KisiErrorCodes = { authFailure: "kisi_key_invalid" };
const CONNECTING: KisiErrorCodes = { authFailure: "kisi_key_rejected" };
const ISSUING: KisiErrorCodes = {
  authFailure: "kisi_key_invalid",
  forbidden: "kisi_group_forbidden",
};

describe("kisiApiError", () => {
  it.each([
    // [Kisi's answer, codes asked for, API code, HTTP status]
    [kisi("http", 401), {}, "kisi_unavailable", 503],
    [kisi("http", 403), {}, "kisi_unavailable", 503],
    [kisi("http", 401), STORED, "kisi_key_invalid", 502],
    [kisi("http", 403), STORED, "kisi_key_invalid", 502],
    [kisi("http", 401), CONNECTING, "kisi_key_rejected", 422],
    [kisi("http", 403), CONNECTING, "kisi_key_rejected", 422],
    [kisi("http", 401), ISSUING, "kisi_key_invalid", 502],
    [kisi("http", 403), ISSUING, "kisi_group_forbidden", 502],
    [kisi("http", 429), ISSUING, "rate_limited", 429],
    [kisi("http", 404), STORED, "kisi_unavailable", 503],
    [kisi("http", 422), ISSUING, "kisi_unavailable", 503],
    [kisi("http", 500), STORED, "kisi_unavailable", 503],
    [kisi("http", 503), {}, "kisi_unavailable", 503],
    [kisi("timeout"), ISSUING, "kisi_unavailable", 503],
    [kisi("network"), STORED, "kisi_unavailable", 503],
    [kisi("malformed", 200), STORED, "kisi_unavailable", 503],
    [kisi("redirect", 302), STORED, "kisi_unavailable", 503],
    [kisi("aborted"), {}, "kisi_unavailable", 503],
    [kisi("not_sent"), {}, "kisi_unavailable", 503],
    // Not a Kisi error at all (a bug in a caller's catch): still no 500 with Kisi's name on it.
    [new TypeError("x is undefined"), STORED, "kisi_unavailable", 503],
  ] as const)("%s with %j → %s (%i)", (error, codes, code, status) => {
    const mapped = kisiApiError(error, codes);
    expect(mapped.code).toBe(code);
    expect(ERROR_CODES[mapped.code].status).toBe(status);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).not.toContain("GET /groups"); // Kisi's text stays in the cause
  });

  it.each([
    [2_500, 3],
    [1_000, 1],
    [undefined, 1], // Kisi named no wait: at least a second
    [0, 0],
  ])("a 429 asking to wait %s ms answers Retry-After %i", (retryAfterMs, seconds) => {
    expect(kisiApiError(kisi("http", 429, retryAfterMs)).retryAfterSeconds).toBe(seconds);
  });

  it("gives no Retry-After of its own to anything but a 429", () => {
    expect(kisiApiError(kisi("http", 503, 4_000)).retryAfterSeconds).toBeUndefined();
  });
});
