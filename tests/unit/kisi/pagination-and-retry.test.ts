import { describe, expect, it } from "vitest";
import { KisiError } from "@/lib/kisi/errors";
import { hasNextPage, parseCollectionRange } from "@/lib/kisi/pagination";
import { isRetryable, parseRetryAfter, retryDelayMs } from "@/lib/kisi/retry-policy";

describe("parseCollectionRange", () => {
  it.each([
    ["0-9/200", { start: 0, end: 9, total: 200 }],
    ["10-14/15", { start: 10, end: 14, total: 15 }],
    ["*/0", { start: null, end: null, total: 0 }],
    [" 0-0/1 ", { start: 0, end: 0, total: 1 }],
  ])("%s", (header, expected) => {
    expect(parseCollectionRange(header)).toEqual(expected);
  });

  it.each([null, "", "items 0-9/200", "0-9", "a-b/c"])("rejects %j", (header) => {
    expect(parseCollectionRange(header)).toBeNull();
  });

  it("tells whether another page exists", () => {
    expect(hasNextPage({ items: [1, 2], offset: 0, limit: 2, total: 3 })).toBe(true);
    expect(hasNextPage({ items: [3], offset: 2, limit: 2, total: 3 })).toBe(false);
    expect(hasNextPage({ items: [], offset: 0, limit: 2, total: 0 })).toBe(false);
    expect(hasNextPage({ items: [1, 2], offset: 0, limit: 2, total: null })).toBe(true);
    expect(hasNextPage({ items: [1], offset: 0, limit: 2, total: null })).toBe(false);
  });
});

const http = (status: number, code?: string, retryAfterMs?: number) =>
  new KisiError({ kind: "http", status, code, retryAfterMs, message: "x" });

describe("retry policy", () => {
  it.each([
    ["idempotent", http(429), true],
    ["idempotent", http(502), true],
    ["idempotent", http(503), true],
    ["idempotent", http(504), true],
    ["idempotent", http(500), false],
    ["idempotent", http(401), false],
    ["idempotent", http(404), false],
    ["idempotent", new KisiError({ kind: "timeout", message: "x" }), true],
    ["idempotent", new KisiError({ kind: "network", connected: true, message: "x" }), true],
    ["idempotent", new KisiError({ kind: "malformed", message: "x" }), false],
    ["idempotent", new KisiError({ kind: "redirect", status: 302, message: "x" }), false],
    ["unlock", new KisiError({ kind: "network", connected: false, message: "x" }), true],
    ["unlock", new KisiError({ kind: "network", connected: true, message: "x" }), false],
    ["unlock", new KisiError({ kind: "timeout", message: "x" }), false],
    ["unlock", http(503, "fac001"), true],
    ["unlock", http(503, "fbc000"), true],
    ["unlock", http(503, "fad107"), false],
    ["unlock", http(429), false],
    ["unlock", http(409, "fad110"), false],
    ["create", http(503), false],
    ["create", http(502), false],
    ["create", new KisiError({ kind: "timeout", message: "x" }), false],
    ["create", new KisiError({ kind: "network", connected: true, message: "x" }), false],
    ["create", new KisiError({ kind: "network", connected: false, message: "x" }), true],
    ["create", http(429), true],
  ] as const)("%s retries %o: %s", (policy, error, expected) => {
    expect(isRetryable(policy, error)).toBe(expected);
  });

  it("backs off exponentially with full jitter, capped", () => {
    const max = () => 0.999999;
    expect(retryDelayMs("idempotent", 1, http(503), max)).toBe(499);
    expect(retryDelayMs("idempotent", 2, http(503), max)).toBe(999);
    expect(retryDelayMs("idempotent", 10, http(503), max)).toBe(7999);
    expect(retryDelayMs("idempotent", 1, http(503), () => 0)).toBe(0);
  });

  it("honours Retry-After (capped at 60 s) and waits at least 1 s after a bare 429", () => {
    expect(retryDelayMs("idempotent", 1, http(429, undefined, 2000), () => 0)).toBe(2000);
    expect(retryDelayMs("idempotent", 1, http(429, undefined, 3_600_000), () => 0)).toBe(60_000);
    expect(retryDelayMs("idempotent", 1, http(429), () => 0)).toBe(1000);
  });

  it("jitters unlock retries between 300 and 800 ms", () => {
    expect(retryDelayMs("unlock", 1, http(503, "fac001"), () => 0)).toBe(300);
    expect(retryDelayMs("unlock", 1, http(503, "fac001"), () => 0.999)).toBe(799);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
