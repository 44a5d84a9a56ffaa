import { describe, expect, it } from "vitest";
import {
  generateAccessToken,
  hashAccessToken,
  isWellFormedAccessToken,
  tokenLogRef,
} from "@/lib/crypto/tokens";

describe("access tokens", () => {
  it("are 43 base64url characters (256 bits) and never repeat", () => {
    const tokens = new Set(Array.from({ length: 100_000 }, generateAccessToken));
    expect(tokens.size).toBe(100_000);
    for (const token of [...tokens].slice(0, 1000)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("hash to a stable SHA-256 hex digest that does not contain the token", () => {
    const token = generateAccessToken();
    expect(hashAccessToken(token)).toBe(hashAccessToken(token));
    expect(hashAccessToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAccessToken(token)).not.toBe(hashAccessToken(generateAccessToken()));
    expect(hashAccessToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(tokenLogRef(token)).toBe(hashAccessToken(token).slice(0, 8));
  });

  it.each([
    [undefined, false],
    [42, false],
    ["", false],
    ["a".repeat(42), false],
    ["a".repeat(44), false],
    ["a".repeat(42) + "=", false],
    ["a".repeat(42) + "/", false],
    ["../../etc/passwd" + "a".repeat(27), false],
    ["a".repeat(43), true],
    ["A_-9".repeat(10) + "abc", true],
  ])("isWellFormedAccessToken(%j) is %s", (value, expected) => {
    expect(isWellFormedAccessToken(value)).toBe(expected);
  });
});
