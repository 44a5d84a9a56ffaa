import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * Latchkey's own access tokens: the `[secret]` in /access/[secret]. 32 bytes from the CSPRNG
 * (256 bits, SECURITY.md A-1), base64url, 43 characters. Only the SHA-256 is stored, so a
 * database dump cannot open doors; lookups go by hash, never by comparing tokens in code.
 */

export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateAccessToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isWellFormedAccessToken(value: unknown): value is string {
  return typeof value === "string" && ACCESS_TOKEN_PATTERN.test(value);
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A short, non-reversible reference for logs (SECURITY.md I-1): never log the token itself. */
export function tokenLogRef(token: string): string {
  return hashAccessToken(token).slice(0, 8);
}
