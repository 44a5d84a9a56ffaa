import path from "node:path";
import type { z } from "zod";
import { isLoopbackHost, rawEnvSchema } from "./schema";

export type DatabaseConfig =
  { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
export type EmailConfig =
  { kind: "capture"; from: string } | { kind: "smtp"; url: string; from: string };

export type Config = {
  mode: "demo" | "production";
  nodeEnv: "development" | "production" | "test";
  appOrigin: string;
  kisi: { baseUrl: string; integrationIdentifier?: string; integrationContact?: string };
  database: DatabaseConfig;
  email: EmailConfig;
  encryption: { currentKey: Buffer; previousKeys: Buffer[] };
  /** Signs admin sessions (better-auth). */
  authSecret: string;
  /** Sign-in attempts allowed per client address per minute (better-auth's throttle). */
  signInsPerMinute: number;
  /** Proxies in front of Latchkey that append to X-Forwarded-For (0: none). */
  trustedProxyHops: number;
  /** How long a door list from Kisi is reused (Kisi budget against freshness). */
  doorCacheSeconds: number;
  /** How long a studio group's lock list (GET /group_locks) is reused on the unlock path. */
  groupLocksCacheSeconds: number;
  /** Bursts of taps: whose Kisi lane links use, shared opening, how long a tap may queue. */
  unlockQueue: { rateScope: "user" | "link"; sharedOpenSeconds: number; maxQueueSeconds: number };
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Whether the server also runs the outbox and reconcile loops (off: `npm run worker` does). */
  worker: { inProcess: boolean };
  dataDir: string;
  /** Bearer token that GET /api/metrics requires; null: the endpoint is off (404). */
  metricsToken: string | null;
  /** Webhook targets on loopback/private networks allowed (demo default), else refused. */
  webhooksAllowPrivate: boolean;
  /** The first webhook retry's wait; later ones double from it. */
  webhookRetryBaseMs: number;
  /** The MapLibre style the geofence settings show their map in; null: the sketch. */
  mapStyleUrl: string | null;
  /**
   * Serves the benchmark's baseline page (/bench/baseline). Only ever true in demo mode, so a
   * stray LATCHKEY_BENCH in production cannot expose it.
   */
  benchPages: boolean;
};

export type ConfigIssue = { variable: string; message: string };

/** Thrown when the environment is invalid; its message names every bad variable, never a value. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  - ${i.variable}: ${i.message}`).join("\n") +
        "\nSee .env.example for every variable and its format.",
    );
    this.name = "ConfigError";
  }
}

export const DEFAULT_KISI_BASE_URL = "https://api.kisi.io";
export const DEMO_APP_ORIGIN = "http://127.0.0.1:3000";
const CAPTURE_FROM = "Latchkey <no-reply@latchkey.invalid>";

/**
 * A fixed, public key for demo mode only: demo data is throwaway and must start with no setup.
 * Production refuses to start without LATCHKEY_ENCRYPTION_KEY.
 */
const DEMO_ENCRYPTION_KEY = Buffer.from("latchkey-demo-only-key-not-secret", "utf8").subarray(
  0,
  32,
);
const DEMO_AUTH_SECRET = "latchkey-demo-only-auth-secret-not-secret";

/** Variables production cannot run without, and why (shown to whoever deploys). */
const REQUIRED_OUTSIDE_DEMO: Record<string, string> = {
  APP_ORIGIN:
    "is required: the public origin used in every access link, e.g. https://access.example.com",
  LATCHKEY_ENCRYPTION_KEY:
    "is required outside demo mode (generate one with: openssl rand -base64 32)",
  AUTH_SECRET:
    "is required outside demo mode: it signs admin sessions (generate one with: openssl rand -base64 32)",
};

/**
 * Validates an environment record and returns the typed configuration, or throws ConfigError
 * listing every problem at once (a deploy should not need one restart per typo).
 */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = rawEnvSchema.safeParse(env);
  const issues: ConfigIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      }));
  const isDemo = parsed.success
    ? parsed.data.LATCHKEY_DEMO
    : /^(1|true|yes)$/.test(env.LATCHKEY_DEMO ?? "");

  if (!isDemo) {
    for (const [variable, message] of Object.entries(REQUIRED_OUTSIDE_DEMO)) {
      if (!env[variable]?.trim()) issues.push({ variable, message });
    }
  }
  // Cross-variable rules run on each variable that parsed, even when another one did not, so
  // one deploy attempt reports everything.
  const field = <K extends keyof typeof rawEnvSchema.shape>(key: K) => {
    const result = rawEnvSchema.shape[key].safeParse(env[key]);
    return result.success ? (result.data as z.output<(typeof rawEnvSchema.shape)[K]>) : undefined;
  };
  const appOrigin = field("APP_ORIGIN");
  if (!isDemo && appOrigin?.startsWith("http:") && !isLoopbackHost(new URL(appOrigin).hostname)) {
    issues.push({
      variable: "APP_ORIGIN",
      message: "must use https outside loopback: access links carry a bearer token",
    });
  }
  if (field("SMTP_URL") && !env.EMAIL_FROM?.trim()) {
    issues.push({ variable: "EMAIL_FROM", message: "is required when SMTP_URL is set" });
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);

  const e = parsed.data;
  const mode = isDemo ? "demo" : "production";
  const dataDir = path.resolve(cwd, e.LATCHKEY_DATA_DIR ?? "data");
  return {
    mode,
    nodeEnv: e.NODE_ENV,
    appOrigin: e.APP_ORIGIN ?? DEMO_APP_ORIGIN,
    kisi: {
      baseUrl: e.KISI_BASE_URL ?? DEFAULT_KISI_BASE_URL,
      integrationIdentifier: e.KISI_INTEGRATION_IDENTIFIER,
      integrationContact: e.KISI_INTEGRATION_CONTACT,
    },
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    email: e.SMTP_URL
      ? { kind: "smtp", url: e.SMTP_URL, from: e.EMAIL_FROM ?? CAPTURE_FROM }
      : { kind: "capture", from: e.EMAIL_FROM ?? CAPTURE_FROM },
    encryption: {
      currentKey: e.LATCHKEY_ENCRYPTION_KEY ?? DEMO_ENCRYPTION_KEY,
      previousKeys: e.LATCHKEY_ENCRYPTION_KEYS_PREVIOUS ?? [],
    },
    authSecret: e.AUTH_SECRET ?? DEMO_AUTH_SECRET,
    logLevel: e.LOG_LEVEL ?? "info",
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    signInsPerMinute: e.AUTH_SIGN_INS_PER_MINUTE ?? 5,
    doorCacheSeconds: e.LATCHKEY_DOOR_CACHE_SECONDS ?? 15,
    groupLocksCacheSeconds: e.LATCHKEY_GROUP_LOCKS_CACHE_SECONDS ?? 60,
    unlockQueue: {
      rateScope: e.KISI_GROUP_LINK_RATE_SCOPE ?? "user",
      sharedOpenSeconds: e.LATCHKEY_SHARED_OPEN_SECONDS ?? 5,
      maxQueueSeconds: e.LATCHKEY_UNLOCK_MAX_QUEUE_SECONDS ?? 120,
    },
    worker: { inProcess: e.LATCHKEY_BACKGROUND_JOBS !== "off" },
    dataDir,
    metricsToken: e.LATCHKEY_METRICS_TOKEN ?? null,
    webhooksAllowPrivate: (e.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE ?? (isDemo ? "on" : "off")) === "on",
    webhookRetryBaseMs: (e.LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS ?? 30) * 1000,
    mapStyleUrl: e.LATCHKEY_MAP_STYLE_URL ?? null,
    benchPages: isDemo && e.LATCHKEY_BENCH,
  };
}
