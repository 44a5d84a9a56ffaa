import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { assertSameOrigin, bearerToken } from "@/lib/api/request-guards";

const ORIGIN = "https://access.example.com";
const request = (headers: Record<string, string>) =>
  new NextRequest(`${ORIGIN}/api/access/doors/5001/unlock`, { method: "POST", headers });

describe("assertSameOrigin", () => {
  it.each([
    [{ "sec-fetch-site": "same-origin" }],
    [{ origin: ORIGIN }],
    [{ "sec-fetch-site": "same-origin", origin: "https://evil.example" }],
  ])("accepts %o", (headers) => {
    expect(() => assertSameOrigin(request(headers), ORIGIN)).not.toThrow();
  });

  it.each([
    [{ "sec-fetch-site": "cross-site", origin: ORIGIN }],
    [{ "sec-fetch-site": "same-site" }],
    [{ "sec-fetch-site": "none" }],
    [{ origin: "https://evil.example" }],
    [{ origin: "null" }],
    [{ origin: "https://access.example.com.evil.example" }],
    [{ origin: "http://access.example.com" }],
    [{}],
  ])("refuses %o (fail closed)", (headers) => {
    expect(() => assertSameOrigin(request(headers), ORIGIN)).toThrow(ApiError);
  });
});

describe("bearerToken", () => {
  it.each([
    ["Bearer abc_DEF-123", "abc_DEF-123"],
    ["bearer abc", null],
    ["Bearer ", null],
    ["Bearer a b", null],
    ["Basic abc", null],
    ["KISI-GROUP-LINK abc", null],
  ])("%j → %j", (value, expected) => {
    expect(bearerToken(request({ authorization: value }))).toBe(expected);
  });
  it("is null without the header", () => {
    expect(bearerToken(request({}))).toBeNull();
  });
});
