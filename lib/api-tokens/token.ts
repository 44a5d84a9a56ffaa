import "server-only";
import { randomBytes } from "node:crypto";
import { hashAccessToken } from "@/lib/crypto/tokens";

/**
 * Studio API tokens: `lk_` + 32 CSPRNG bytes in base64url (256 bits, SECURITY.md A-1). The `lk_`
 * prefix lets secret scanners (and people) recognise a leaked Latchkey token. Only the SHA-256
 * is stored and looked up; a plain hash suffices for 256 random bits.
 */
export const API_TOKEN_PREFIX = "lk_";
export const API_TOKEN_PATTERN = /^lk_[A-Za-z0-9_-]{43}$/;
/** Characters shown in the dashboard: `lk_` + 6 of the 43 random ones (36 bits, not a guess). */
const DISPLAY_LENGTH = API_TOKEN_PREFIX.length + 6;

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function isWellFormedApiToken(value: unknown): value is string {
  return typeof value === "string" && API_TOKEN_PATTERN.test(value);
}

/** The stored form: the same SHA-256 as access links and invitations (lib/crypto/tokens.ts). */
export const hashApiToken = hashAccessToken;

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_LENGTH);
}
