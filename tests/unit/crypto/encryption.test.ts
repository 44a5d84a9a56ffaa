import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  keyId,
  needsReencryption,
} from "@/lib/crypto/encryption";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ringA = { currentKey: keyA, previousKeys: [] };

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, with a fresh IV every time", () => {
    const one = encryptSecret("kisi-api-key-1234", "kisi-api-key:cred-1", ringA);
    const two = encryptSecret("kisi-api-key-1234", "kisi-api-key:cred-1", ringA);
    expect(one).not.toBe(two);
    expect(one).not.toContain("kisi-api-key-1234");
    expect(one.split(".")).toHaveLength(4);
    expect(one.startsWith(`lk1.${keyId(keyA)}.`)).toBe(true);
    expect(decryptSecret(one, "kisi-api-key:cred-1", ringA)).toBe("kisi-api-key-1234");
    expect(decryptSecret(two, "kisi-api-key:cred-1", ringA)).toBe("kisi-api-key-1234");
  });

  it("round-trips unicode and empty strings", () => {
    for (const value of ["", "ünïcødé 🔑", "x".repeat(5000)]) {
      expect(decryptSecret(encryptSecret(value, "ad", ringA), "ad", ringA)).toBe(value);
    }
  });

  it("detects a flipped bit anywhere in the ciphertext or tag", () => {
    const envelope = encryptSecret("secret", "ad", ringA);
    const [v, id, iv, body] = envelope.split(".") as [string, string, string, string];
    const bytes = Buffer.from(body, "base64url");
    for (const index of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() =>
        decryptSecret([v, id, iv, tampered.toString("base64url")].join("."), "ad", ringA),
      ).toThrow(DecryptionError);
    }
    const ivBytes = Buffer.from(iv, "base64url");
    ivBytes[0] = (ivBytes[0] ?? 0) ^ 0x80;
    expect(() =>
      decryptSecret([v, id, ivBytes.toString("base64url"), body].join("."), "ad", ringA),
    ).toThrow(DecryptionError);
  });

  it("refuses a ciphertext moved to another row (associated data differs)", () => {
    const envelope = encryptSecret("secret", "kisi-link-secret:link-1", ringA);
    expect(() => decryptSecret(envelope, "kisi-link-secret:link-2", ringA)).toThrow(
      /authentication failed/,
    );
  });

  it("refuses an unknown key, a truncated envelope and a foreign format", () => {
    const envelope = encryptSecret("secret", "ad", ringA);
    expect(() => decryptSecret(envelope, "ad", { currentKey: keyB, previousKeys: [] })).toThrow(
      /no configured key/,
    );
    expect(() => decryptSecret(envelope.slice(0, 20), "ad", ringA)).toThrow(DecryptionError);
    expect(() => decryptSecret("plaintext", "ad", ringA)).toThrow(/unknown format/);
  });

  it("decrypts with a previous key during rotation and flags the row for re-encryption", () => {
    const old = encryptSecret("secret", "ad", ringA);
    const rotated = { currentKey: keyB, previousKeys: [keyA] };
    expect(decryptSecret(old, "ad", rotated)).toBe("secret");
    expect(needsReencryption(old, rotated)).toBe(true);
    const fresh = encryptSecret("secret", "ad", rotated);
    expect(needsReencryption(fresh, rotated)).toBe(false);
    expect(() => decryptSecret(fresh, "ad", ringA)).toThrow(DecryptionError);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() =>
      encryptSecret("x", "ad", { currentKey: randomBytes(16), previousKeys: [] }),
    ).toThrow(/32-byte/);
  });
});
