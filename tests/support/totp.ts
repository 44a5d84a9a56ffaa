import { createHmac } from "node:crypto";

/**
 * RFC 6238 TOTP (SHA-1, 6 digits, 30 s) computed independently of better-auth, so tests check
 * its codes against the standard rather than against itself. `secret` is the base32 secret of an
 * otpauth:// URI (or the URI itself).
 */
export function totp(secretOrUri: string, at = Date.now()): string {
  const secret = secretOrUri.startsWith("otpauth://")
    ? (new URL(secretOrUri).searchParams.get("secret") ?? "")
    : secretOrUri;
  const key = base32(secret.replace(/\s+/g, ""));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, "0");
}

function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.toUpperCase().replace(/=+$/, "")) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    bits += i.toString(2).padStart(5, "0");
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

const lastStepOf = new Map<string, number>();

/**
 * A code this test has not used yet for `secret`: Latchkey takes each time step once (and never
 * one older than the last), so a test that signs in several times within 30 s takes the next
 * step's code — accepted early, as an authenticator a little ahead would show it — or waits.
 */
export async function freshTotp(secretOrUri: string): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const want = Math.max(current, (lastStepOf.get(secretOrUri) ?? current - 1) + 1);
    if (want <= current + 1) {
      lastStepOf.set(secretOrUri, want);
      return totp(secretOrUri, want * 30_000 + 15_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
