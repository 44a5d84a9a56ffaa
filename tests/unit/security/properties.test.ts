import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLockId, unlockBodySchema } from "@/lib/access/unlock";
import { isApiError } from "@/lib/api/errors";
import { API_TOKEN_PATTERN, generateApiToken, isWellFormedApiToken } from "@/lib/api-tokens/token";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  type Keyring,
} from "@/lib/crypto/encryption";
import {
  ACCESS_TOKEN_PATTERN,
  generateAccessToken,
  hashAccessToken,
  isWellFormedAccessToken,
  tokenLogRef,
} from "@/lib/crypto/tokens";
import { distanceMeters, type LatLng } from "@/lib/geo/distance";
import { decideGeofence, type GeofenceSettings } from "@/lib/geo/geofence";
import { createLinkBodySchema, windowProblems } from "@/lib/schemas/links";
import { doorOverrideBodySchema, emailPreviewBodySchema } from "@/lib/schemas/studio-settings";
import { updateStudioBodySchema } from "@/lib/schemas/studios";
import { openInvitationToken, sealInvitationToken } from "@/lib/team/invitation-token";

/**
 * Properties of the security-relevant pure code (issue #5, item 3.7): the geofence decision, the
 * request validators and the token/crypto helpers. Fixed seeds are not used: a failure prints its
 * seed and shrunk counterexample, which is what to paste into a regression test.
 */

const RUNS = { numRuns: 300 };
const NOW = new Date("2026-11-21T18:00:00Z");

const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true });
const point: fc.Arbitrary<LatLng> = fc.record({ latitude, longitude });
const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

const settings: fc.Arbitrary<GeofenceSettings> = fc.record({
  enabled: fc.constant(true),
  center: point,
  radiusM: fc.integer({ min: 10, max: 5_000 }),
  maxAccuracyM: fc.integer({ min: 10, max: 1_000 }),
  maxAgeS: fc.integer({ min: 10, max: 600 }),
});

/** A fix near the centre (within ~10 km), so inside and outside both occur often. */
const fixNear = (center: LatLng) =>
  fc.record({
    latitude: fc
      .double({ min: -0.1, max: 0.1, noNaN: true })
      .map((d) => Math.max(-90, Math.min(90, center.latitude + d))),
    longitude: fc
      .double({ min: -0.1, max: 0.1, noNaN: true })
      .map((d) => Math.max(-180, Math.min(180, center.longitude + d))),
    accuracy: fc.double({ min: 0.1, max: 2_000, noNaN: true }),
    ageS: fc.double({ min: -120, max: 1_200, noNaN: true }),
  });

describe("geofence properties", () => {
  it("distance is symmetric, non-negative, zero to itself and at most half the circumference", () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const ab = distanceMeters(a, b);
        const ba = distanceMeters(b, a);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - ba)).toBeLessThanOrEqual(1e-6 * Math.max(1, ab));
        expect(ab).toBeLessThanOrEqual(Math.PI * 6_371_008.8 + 1e-6);
        expect(distanceMeters(a, a)).toBe(0);
      }),
      RUNS,
    );
  });

  it("allows exactly when accuracy ≤ max, the fix is fresh and the distance ≤ radius (docs/product-rules.md)", () => {
    fc.assert(
      fc.property(
        settings.chain((s) => fc.tuple(fc.constant(s), fixNear(s.center!))),
        ([s, f]) => {
          const capturedAt = new Date(NOW.getTime() - f.ageS * 1000).toISOString();
          const decision = decideGeofence(s, { ...f, capturedAt }, NOW);
          const distance = distanceMeters(f, s.center!);
          // Ages are compared in whole milliseconds, as the ISO timestamp carries them.
          const ageMs = NOW.getTime() - new Date(capturedAt).getTime();
          const fresh = ageMs <= s.maxAgeS * 1000 && ageMs >= -30_000;
          const expected = f.accuracy <= s.maxAccuracyM && fresh && distance <= s.radiusM;
          expect(decision.allowed).toBe(expected);
          if (f.accuracy > s.maxAccuracyM)
            expect(decision).toMatchObject({ allowed: false, code: "location_imprecise" });
          else if (!fresh)
            expect(decision).toMatchObject({ allowed: false, code: "location_stale" });
        },
      ),
      RUNS,
    );
  });

  it("never allows without an accuracy, or with a fix older than the maximum age", () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 86_400 }), (s, extraS) => {
        const atCentre = { ...s.center! };
        expect(decideGeofence(s, { ...atCentre, capturedAt: NOW.toISOString() }, NOW).allowed).toBe(
          false,
        );
        const old = new Date(NOW.getTime() - (s.maxAgeS + extraS) * 1000).toISOString();
        expect(decideGeofence(s, { ...atCentre, accuracy: 1, capturedAt: old }, NOW).allowed).toBe(
          false,
        );
      }),
      RUNS,
    );
  });

  it("never throws on finite input of any kind, including odd timestamps", () => {
    fc.assert(
      fc.property(
        settings,
        fc.record(
          {
            latitude: fc.double({ noNaN: true, noDefaultInfinity: true }),
            longitude: fc.double({ noNaN: true, noDefaultInfinity: true }),
            accuracy: fc.double({ noNaN: true, noDefaultInfinity: true }),
            capturedAt: fc.oneof(fc.string(), fc.integer(), fc.double()),
          },
          { requiredKeys: [] },
        ),
        (s, fix) => {
          const decision = decideGeofence(s, fix as never, NOW);
          expect(typeof decision.allowed).toBe("boolean");
        },
      ),
      RUNS,
    );
  });

  it("refuses a fix with a non-finite coordinate or accuracy, even at the centre", () => {
    fc.assert(
      fc.property(
        settings,
        nonFinite,
        fc.constantFrom("latitude", "longitude", "accuracy"),
        (s, bad, field) => {
          const fix = { ...s.center!, accuracy: 5, capturedAt: NOW.toISOString(), [field]: bad };
          expect(decideGeofence(s, fix, NOW).allowed).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

/** safeParse must report, never throw, whatever arrives over the wire. */
function neverThrows(schema: { safeParse: (v: unknown) => unknown }) {
  fc.assert(
    fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
      expect(() => schema.safeParse(value)).not.toThrow();
    }),
    RUNS,
  );
}

const ISO_MIN = new Date("2000-01-01T00:00:00Z").getTime();
const ISO_MAX = new Date("2100-01-01T00:00:00Z").getTime();

describe("request validator properties", () => {
  it("every body schema reports arbitrary input through zod instead of throwing", () => {
    for (const schema of [
      createLinkBodySchema,
      unlockBodySchema,
      updateStudioBodySchema,
      emailPreviewBodySchema,
      doorOverrideBodySchema,
    ])
      neverThrows(schema);
  });

  const name = fc
    .string({ minLength: 1, maxLength: 120 })
    .filter((s) => s.trim().length > 0 && s.trim().length <= 120);

  it("a valid link window always passes; its window is then within the documented rules", () => {
    const now = Date.now();
    fc.assert(
      fc.property(
        name,
        fc.integer({ min: now - 30 * 86_400_000, max: now + 30 * 86_400_000 }),
        fc.integer({ min: 1, max: 366 * 86_400_000 }),
        (n, from, length) => {
          fc.pre(from + length > now + 60_000);
          const body = {
            name: n,
            validFrom: new Date(from).toISOString(),
            validUntil: new Date(from + length).toISOString(),
          };
          const parsed = createLinkBodySchema.safeParse(body);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("an inverted, past or over-long window is always refused with its own rule", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: ISO_MIN, max: ISO_MAX }),
        fc.integer({ min: ISO_MIN, max: ISO_MAX }),
        fc.integer({ min: ISO_MIN, max: ISO_MAX }),
        (a, b, now) => {
          const w = { validFrom: new Date(a), validUntil: new Date(b) };
          const problem = windowProblems(w, now);
          if (b <= a) expect(problem).toBe("untilBeforeFrom");
          else if (b <= now) expect(problem).toBe("untilInPast");
          else if (b - a > 366 * 86_400_000) expect(problem).toBe("windowTooLong");
          else expect(problem).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it("coordinates pass exactly when finite and in range", () => {
    const anyNumber = fc.oneof(
      fc.double(),
      fc.integer(),
      nonFinite,
      fc.constantFrom(90, -90, 180, -180, 90.000001, -180.000001),
    );
    fc.assert(
      fc.property(anyNumber, anyNumber, (lat, lng) => {
        const ok =
          Number.isFinite(lat) &&
          Number.isFinite(lng) &&
          Math.abs(lat) <= 90 &&
          Math.abs(lng) <= 180;
        expect(unlockBodySchema.safeParse({ latitude: lat, longitude: lng }).success).toBe(ok);
        expect(
          updateStudioBodySchema.safeParse({ geofence: { latitude: lat, longitude: lng } }).success,
        ).toBe(ok);
      }),
      RUNS,
    );
  });

  it("numbers sent as strings are refused, never coerced", () => {
    fc.assert(
      fc.property(latitude, longitude, (lat, lng) => {
        expect(
          unlockBodySchema.safeParse({ latitude: String(lat), longitude: String(lng) }).success,
        ).toBe(false);
        expect(doorOverrideBodySchema.safeParse({ lockId: "1", mode: "off" }).success).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it("a colour passes exactly when it is # and six hex digits", () => {
    const hex = fc
      .array(fc.constantFrom(..."0123456789abcdefABCDEF"), { minLength: 6, maxLength: 6 })
      .map((d) => `#${d.join("")}`);
    fc.assert(
      fc.property(
        fc.oneof(
          hex,
          fc.string(),
          hex.map((h) => `${h} `),
          hex.map((h) => h.slice(1)),
        ),
        (c) => {
          const ok = /^#[0-9a-fA-F]{6}$/.test(c);
          expect(updateStudioBodySchema.safeParse({ branding: { primaryColor: c } }).success).toBe(
            ok,
          );
          expect(
            emailPreviewBodySchema.safeParse({ primaryColor: c, accentColor: "#000000" }).success,
          ).toBe(ok);
        },
      ),
      RUNS,
    );
  });

  it("a lock id parses back to itself, and anything else is an ApiError, never another error", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        fc.pre(String(n).length <= 15);
        expect(parseLockId(String(n))).toBe(n);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^-?[0-9]{0,20}([.e][0-9]{1,3})?$/),
          fc.constantFrom("..%2F", "1;drop", "../", "1e3", "0x10", " 1", "1 ", "٣"),
        ),
        (raw) => {
          try {
            const id = parseLockId(raw);
            expect(String(id)).toBe(raw);
            expect(Number.isSafeInteger(id) && id > 0).toBe(true);
          } catch (error) {
            expect(isApiError(error)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });
});

const keyring = (): Keyring => ({ currentKey: randomBytes(32), previousKeys: [] });

describe("token and crypto helper properties", () => {
  it("encryption round-trips any text under its associated data, and only under it", () => {
    const ring = keyring();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), fc.string(), (text, ad, other) => {
        const envelope = encryptSecret(text, ad, ring);
        expect(decryptSecret(envelope, ad, ring)).toBe(text);
        expect(envelope).not.toContain(text.length >= 4 ? text : "\u0000never");
        if (other !== ad)
          expect(() => decryptSecret(envelope, other, ring)).toThrow(DecryptionError);
      }),
      { numRuns: 200 },
    );
  });

  it("any change to an envelope fails to decrypt, and never yields another plaintext", () => {
    const ring = keyring();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (text, position, flip) => {
          const envelope = encryptSecret(text, "ad", ring);
          const [v, id, iv, body] = envelope.split(".") as [string, string, string, string];
          // Flip one byte of the IV, ciphertext or tag.
          const ivBytes = Buffer.from(iv, "base64url");
          const bodyBytes = Buffer.from(body, "base64url");
          const all = Buffer.concat([ivBytes, bodyBytes]);
          const at = position % all.length;
          all[at] = all[at]! ^ flip;
          const tampered = [
            v,
            id,
            all.subarray(0, ivBytes.length).toString("base64url"),
            all.subarray(ivBytes.length).toString("base64url"),
          ].join(".");
          expect(() => decryptSecret(tampered, "ad", ring)).toThrow(DecryptionError);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a truncated or garbled envelope is a DecryptionError or the same plaintext, never another", () => {
    const ring = keyring();
    const envelope = encryptSecret("kisi-secret", "ad", ring);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.nat({ max: envelope.length - 1 }).map((n) => envelope.slice(0, n)),
          fc.string().map((s) => `${envelope}${s}`),
        ),
        (garbled) => {
          // Buffer's base64url decoder skips stray characters, so a few garbled envelopes still
          // decode to the same bytes: then the same plaintext is fine, any other would not be.
          try {
            expect(decryptSecret(garbled, "ad", ring)).toBe("kisi-secret");
          } catch (error) {
            if (!(error instanceof DecryptionError)) throw error;
          }
        },
      ),
      RUNS,
    );
  });

  it("an invitation token sealed to one outbox row opens only for that row", () => {
    const ring = keyring();
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (row, otherRow) => {
        const token = generateAccessToken();
        const sealed = sealInvitationToken(row, token, ring);
        expect(openInvitationToken(row, sealed, ring)).toBe(token);
        if (row !== otherRow) expect(() => openInvitationToken(otherRow, sealed, ring)).toThrow();
      }),
      { numRuns: 100 },
    );
  });

  it("token shape checks accept exactly the documented pattern, for any input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (value) => {
        expect(isWellFormedAccessToken(value)).toBe(
          typeof value === "string" && ACCESS_TOKEN_PATTERN.test(value),
        );
        expect(isWellFormedApiToken(value)).toBe(
          typeof value === "string" && API_TOKEN_PATTERN.test(value),
        );
      }),
      RUNS,
    );
    for (let i = 0; i < 200; i++) {
      expect(isWellFormedAccessToken(generateAccessToken())).toBe(true);
      expect(isWellFormedApiToken(generateApiToken())).toBe(true);
    }
  });

  it("hashes are stable 64-hex digests that reveal neither the token nor collide", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        const ha = hashAccessToken(a);
        expect(ha).toMatch(/^[0-9a-f]{64}$/);
        expect(hashAccessToken(a)).toBe(ha);
        expect(tokenLogRef(a)).toBe(ha.slice(0, 8));
        if (a !== b) expect(hashAccessToken(b)).not.toBe(ha);
      }),
      RUNS,
    );
    const token = generateAccessToken();
    expect(hashAccessToken(token)).not.toContain(token);
  });
});
