/**
 * Redaction for log records (SECURITY.md I-1). Two layers: keys that name secrets are dropped
 * whatever their value, and strings are scrubbed of credentials that slipped into free text
 * (an Authorization header in an error message, an /access/<token> or /invite/<token> path).
 */

const SECRET_KEY =
  /authorization|cookie|secret|password|passwd|token|api[-_]?key|apikey|credential|ciphertext/i;

const STRING_PATTERNS: Array<[RegExp, string]> = [
  // drizzle's "Failed query: … params: …" carries row values (names, emails, ciphertexts).
  [/\bparams: [\s\S]*$/, "params: [redacted]"],
  [/(KISI-(?:LOGIN|GROUP-LINK|ACCESS-KEY|SERVICE)|Bearer|Basic)\s+[^\s"',;]+/gi, "$1 [redacted]"],
  // Guest links and staff invitations: the path segment is the credential.
  [/\/(access|invite)\/[A-Za-z0-9_-]{8,}/g, "/$1/[redacted]"],
  [/([?&](?:token|secret|key|api_key)=)[^&\s"]+/gi, "$1[redacted]"],
  [/(\/\/[^:/\s"]+:)[^@/\s"]+@/g, "$1[redacted]@"],
];

export const REDACTED = "[redacted]";

export function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of STRING_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[truncated]";
  if (typeof value === "string") return redactString(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
