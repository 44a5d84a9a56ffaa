import { z } from "zod";

/**
 * The environment Latchkey reads, as a zod schema. Kept free of `server-only` and of
 * `process.env` so the CLI, the tests and the Next server validate with the same rules.
 *
 * Values never appear in error messages: several of these are secrets.
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith("127.");
}

/** An empty string in a .env file means "not set", not "set to nothing". */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** An origin (scheme + host + optional port), no path: every link Latchkey mails starts with it. */
const originSchema = z
  .url({
    protocol: /^https?$/,
    error: "must be an absolute http(s) URL such as https://access.example.com",
  })
  .transform((value, ctx) => {
    const url = new URL(value);
    if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({
        code: "custom",
        message: "must be an origin only: no path, query, fragment or credentials",
      });
      return z.NEVER;
    }
    return url.origin;
  });

/**
 * HTTPS is required for Kisi except on loopback, where the bundled emulator runs (SECURITY.md D-6).
 */
const kisiBaseUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an absolute URL such as https://api.kisi.io" })
  .transform((value, ctx) => {
    const url = new URL(value);
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
      ctx.addIssue({
        code: "custom",
        message: "must use https (plain http is only allowed on loopback, for the emulator)",
      });
      return z.NEVER;
    }
    if (url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "must not carry a query, fragment or credentials" });
      return z.NEVER;
    }
    return url.toString().replace(/\/+$/, "");
  });

/**
 * A MapLibre style (JSON) for the geofence settings' map. Unset (the default, and the offline
 * demo): the settings draw the fence as a sketch instead. The dashboard's CSP lets pages fetch
 * from this URL's origin only, so the style's tiles (and sprites, glyphs) must be served there.
 */
export const mapStyleUrlSchema = z.url({
  protocol: /^https?$/,
  error:
    "must be an absolute http(s) URL of a MapLibre style such as https://tiles.example.com/style.json",
});

const databaseUrlSchema = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
  .optional();

const smtpUrlSchema = z
  .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })
  .optional();

/** 32 random bytes, base64 / base64url (44 or 43 chars) or hex (64 chars). */
const KEY_FORMAT =
  "must be 32 random bytes as base64 or 64 hex characters (generate one with: openssl rand -base64 32)";
export const encryptionKeySchema = z.string().transform((value, ctx) => {
  const key = decodeKey(value.trim());
  if (!key) {
    ctx.addIssue({ code: "custom", message: KEY_FORMAT });
    return z.NEVER;
  }
  return key;
});

export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const buf = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return buf.length === 32 ? buf : null;
  }
  return null;
}

const previousKeysSchema = z
  .string()
  .transform((value, ctx) => {
    const parts = value
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const keys: Buffer[] = [];
    for (const [i, part] of parts.entries()) {
      const key = decodeKey(part);
      if (!key) {
        ctx.addIssue({ code: "custom", message: `entry ${i + 1} ${KEY_FORMAT}` });
        return z.NEVER;
      }
      keys.push(key);
    }
    return keys;
  })
  .optional();

function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

const logLevelSchema = z.enum(["debug", "info", "warn", "error", "silent"]).default("info");

export const rawEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  LATCHKEY_DEMO: booleanFlag,
  APP_ORIGIN: optionalString.pipe(originSchema.optional()),
  KISI_BASE_URL: optionalString.pipe(kisiBaseUrlSchema.optional()),
  KISI_INTEGRATION_IDENTIFIER: optionalString,
  KISI_INTEGRATION_CONTACT: optionalString.pipe(
    z.email({ error: "must be an email address" }).optional(),
  ),
  DATABASE_URL: optionalString.pipe(databaseUrlSchema),
  LATCHKEY_DATA_DIR: optionalString,
  SMTP_URL: optionalString.pipe(smtpUrlSchema),
  EMAIL_FROM: optionalString.pipe(
    z
      .string()
      .regex(
        /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/,
        'must be an address such as "Latchkey <access@example.com>"',
      )
      .optional(),
  ),
  LATCHKEY_ENCRYPTION_KEY: optionalString.pipe(encryptionKeySchema.optional()),
  LATCHKEY_ENCRYPTION_KEYS_PREVIOUS: optionalString.pipe(previousKeysSchema),
  AUTH_SECRET: optionalString.pipe(
    z
      .string()
      .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)")
      .optional(),
  ),
  LOG_LEVEL: optionalString.pipe(logLevelSchema),
  TRUSTED_PROXY_HOPS: optionalString.pipe(wholeNumber(0, 5).optional()),
  AUTH_SIGN_INS_PER_MINUTE: optionalString.pipe(wholeNumber(1, 100).optional()),
  LATCHKEY_DOOR_CACHE_SECONDS: optionalString.pipe(wholeNumber(0, 300).optional()),
  LATCHKEY_GROUP_LOCKS_CACHE_SECONDS: optionalString.pipe(wholeNumber(0, 600).optional()),
  /**
   * Whose ~5 requests/s a group link's calls spend. Kisi does not document it: `user` (the
   * default, the safe assumption) paces all of a studio's links together on its key's lane;
   * `link` gives each link its own lane, for a deployment that has confirmed Kisi counts so.
   */
  KISI_GROUP_LINK_RATE_SCOPE: optionalString.pipe(
    z.enum(["user", "link"], { error: 'must be "user" or "link"' }).optional(),
  ),
  /** A door Kisi opened for a guest counts as open for the studio's other guests this long (0 = off). */
  LATCHKEY_SHARED_OPEN_SECONDS: optionalString.pipe(wholeNumber(0, 30).optional()),
  /** How long a tap may wait its turn for Kisi while the guest's page stays connected. */
  LATCHKEY_UNLOCK_MAX_QUEUE_SECONDS: optionalString.pipe(wholeNumber(5, 300).optional()),
  LATCHKEY_BACKGROUND_JOBS: optionalString.pipe(
    z.enum(["on", "off"], { error: 'must be "on" or "off"' }).optional(),
  ),
  /** Bearer token for GET /api/metrics; unset, the endpoint answers 404. */
  LATCHKEY_METRICS_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{32,256}$/,
        "must be 32 to 256 letters, digits, - or _ (generate one with: openssl rand -hex 32)",
      )
      .optional(),
  ),
  /**
   * Whether webhook endpoints may be on loopback or private networks (and use plain http there).
   * Off by default in production: a studio manager could otherwise make Latchkey call into its
   * own network. Default on in demo mode, for receivers on the same machine.
   */
  LATCHKEY_WEBHOOKS_ALLOW_PRIVATE: optionalString.pipe(
    z.enum(["on", "off"], { error: 'must be "on" or "off"' }).optional(),
  ),
  /**
   * The first webhook retry's wait in seconds (it doubles from there, to at most 8 h). 30 by
   * default; tests and demos set 1 so a receiver's "500, 500, 200" is seen in seconds.
   */
  LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS: optionalString.pipe(wholeNumber(1, 3_600).optional()),
  LATCHKEY_MAP_STYLE_URL: optionalString.pipe(mapStyleUrlSchema.optional()),
  /** Enables /bench/baseline for `npm run bench`; honoured in demo mode only. */
  LATCHKEY_BENCH: booleanFlag,
});

export type RawEnv = z.input<typeof rawEnvSchema>;
