import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * A WebAuthn authenticator in software (attestation "none", ES256), for tests that drive the
 * server's passkey endpoints without a browser: it answers the options better-auth sends the
 * way a phone or a security key would (W3C WebAuthn Level 2, §6.1 authenticator data, §6.5.4
 * the "none" attestation; the COSE key per RFC 9053). `userVerified: false` stands for an
 * authenticator that proved presence only (a tap), not who is using it.
 */
export function softwareAuthenticator(origin: string) {
  const keys = new Map<string, { privateKey: KeyObject; counter: number }>();
  const b64url = (b: Buffer) => b.toString("base64url");
  const clientData = (type: string, challenge: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  const flags = (userVerified: boolean, attested: boolean) =>
    0x01 | (userVerified ? 0x04 : 0) | (attested ? 0x40 : 0);

  return {
    /** The answer to generate-register-options' JSON (what startRegistration returns). */
    register(options: { challenge: string; rp: { id: string } }, { userVerified = true } = {}) {
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const credentialId = randomBytes(16);
      const jwk = publicKey.export({ format: "jwk" });
      const cose = cbor(
        new Map<number, unknown>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, Buffer.from(jwk.x!, "base64url")],
          [-3, Buffer.from(jwk.y!, "base64url")],
        ]),
      );
      const length = Buffer.alloc(2);
      length.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        sha256(options.rp.id),
        Buffer.from([flags(userVerified, true)]),
        Buffer.alloc(4), // sign count 0
        Buffer.alloc(16), // AAGUID: none
        length,
        credentialId,
        cose,
      ]);
      const attestationObject = cbor(
        new Map<string, unknown>([
          ["fmt", "none"],
          ["attStmt", new Map()],
          ["authData", authData],
        ]),
      );
      const id = b64url(credentialId);
      keys.set(id, { privateKey, counter: 0 });
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", options.challenge)),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },

    /** The answer to generate-authenticate-options' JSON with the credential `id`. */
    assert(id: string, options: { challenge: string; rpId: string }, { userVerified = true } = {}) {
      const key = keys.get(id);
      if (!key) throw new Error(`no credential ${id}`);
      key.counter += 1;
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(key.counter);
      const authData = Buffer.concat([
        sha256(options.rpId),
        Buffer.from([flags(userVerified, false)]),
        counter,
      ]);
      const data = clientData("webauthn.get", options.challenge);
      const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), key.privateKey);
      return {
        id,
        rawId: id,
        type: "public-key",
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
}

function sha256(data: string | Buffer): Buffer {
  return createHash("sha256").update(data).digest();
}

/** Just enough CBOR (RFC 8949) for the above: integers, byte and text strings, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Map)
    return Buffer.concat([
      head(5, value.size),
      ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)]),
    ]);
  throw new Error(`cbor: unsupported ${typeof value}`);
}
