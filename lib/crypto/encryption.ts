import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for secrets at rest (studio Kisi API keys, Kisi group-link secrets).
 *
 * Format: `lk1.<keyId>.<iv>.<ciphertext+tag>` (base64url parts). The key id is derived from the
 * key itself, so rotating means: put the new key in LATCHKEY_ENCRYPTION_KEY, move the old one to
 * LATCHKEY_ENCRYPTION_KEYS_PREVIOUS, and re-encrypt rows whose `needsReencryption()` is true.
 *
 * Every call takes an associated-data string (e.g. `kisi-api-key:<credentialId>`): GCM
 * authenticates it, so a ciphertext copied into another row or column fails to decrypt.
 */

const VERSION = "lk1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type Keyring = { currentKey: Buffer; previousKeys: Buffer[] };

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Could not decrypt secret: ${reason}`);
    this.name = "DecryptionError";
  }
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
}

export function encryptSecret(plaintext: string, associatedData: string, keyring: Keyring): string {
  assertKey(keyring.currentKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.currentKey, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([
    cipher.update(plaintext, "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [
    VERSION,
    keyId(keyring.currentKey),
    iv.toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function decryptSecret(envelope: string, associatedData: string, keyring: Keyring): string {
  const parts = envelope.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError("unknown format");
  const [, id, ivPart, bodyPart] = parts as [string, string, string, string];
  const key = [keyring.currentKey, ...keyring.previousKeys].find((k) => keyId(k) === id);
  if (!key) throw new DecryptionError("no configured key matches its key id");
  const iv = Buffer.from(ivPart, "base64url");
  const body = Buffer.from(bodyPart, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new DecryptionError("truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // GCM's tag check failed: tampered ciphertext, wrong associated data or wrong key.
    throw new DecryptionError("authentication failed");
  }
}

/** True when the envelope was written with a previous key and should be re-encrypted. */
export function needsReencryption(envelope: string, keyring: Keyring): boolean {
  return envelope.split(".")[1] !== keyId(keyring.currentKey);
}

/**
 * Whether a key that can open this envelope is configured, without opening it: false after its
 * key was dropped from LATCHKEY_ENCRYPTION_KEYS_PREVIOUS before every row was re-encrypted
 * (`npm run keys:rotate` does that). Cheap enough to ask for every row of a list.
 */
export function keyAvailable(envelope: string, keyring: Keyring): boolean {
  const parts = envelope.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return false;
  return [keyring.currentKey, ...keyring.previousKeys].some((k) => keyId(k) === parts[1]);
}
