import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/parse-config";

const KEY = Buffer.alloc(32, 7).toString("base64");
const production = {
  APP_ORIGIN: "https://access.example.com",
  LATCHKEY_ENCRYPTION_KEY: KEY,
  AUTH_SECRET: "a-long-random-session-signing-secret-0123456789",
};

function issuesOf(env: Record<string, string | undefined>): ConfigError["issues"] {
  try {
    parseConfig(env, "/srv/latchkey");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("parseConfig", () => {
  it("runs in demo mode with no configuration at all", () => {
    const config = parseConfig({ LATCHKEY_DEMO: "1" }, "/srv/latchkey");
    expect(config.mode).toBe("demo");
    expect(config.appOrigin).toBe("http://127.0.0.1:3000");
    expect(config.kisi.baseUrl).toBe("https://api.kisi.io");
    expect(config.database).toEqual({ kind: "pglite", dataDir: "/srv/latchkey/data/pglite" });
    expect(config.email.kind).toBe("capture");
    expect(config.encryption.currentKey).toHaveLength(32);
    expect(config.webhookRetryBaseMs).toBe(30_000);
  });

  it("takes the first webhook retry's wait in whole seconds, and refuses nonsense", () => {
    const base = { LATCHKEY_DEMO: "1" };
    expect(
      parseConfig({ ...base, LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS: "1" }, "/srv").webhookRetryBaseMs,
    ).toBe(1_000);
    for (const bad of ["0", "1.5", "soon", "3601"])
      expect(() =>
        parseConfig({ ...base, LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS: bad }, "/srv"),
      ).toThrow(ConfigError);
  });

  it("shows the geofence map only with a MapLibre style URL: unset, none (the sketch)", () => {
    const base = { LATCHKEY_DEMO: "1" };
    expect(parseConfig(base, "/srv").mapStyleUrl).toBeNull();
    expect(parseConfig({ ...base, LATCHKEY_MAP_STYLE_URL: "" }, "/srv").mapStyleUrl).toBeNull();
    const style = "https://tiles.example.com/styles/streets/style.json?key=abc";
    expect(parseConfig({ ...base, LATCHKEY_MAP_STYLE_URL: style }, "/srv").mapStyleUrl).toBe(style);
    for (const bad of ["tiles.example.com/style.json", "ftp://tiles.example.com/s.json", "style"])
      expect(issuesOf({ ...base, LATCHKEY_MAP_STYLE_URL: bad })).toEqual([
        { variable: "LATCHKEY_MAP_STYLE_URL", message: expect.stringMatching(/MapLibre style/) },
      ]);
  });

  it("accepts a complete production configuration", () => {
    const config = parseConfig(
      {
        ...production,
        KISI_BASE_URL: "https://api.kisi.io/",
        DATABASE_URL: "postgres://latchkey:pw@db.internal:5432/latchkey",
        SMTP_URL: "smtps://user:pw@smtp.example.com:465",
        EMAIL_FROM: "Studio Access <access@example.com>",
        LATCHKEY_ENCRYPTION_KEYS_PREVIOUS: `${Buffer.alloc(32, 1).toString("hex")}, ${Buffer.alloc(32, 2).toString("base64url")}`,
        LOG_LEVEL: "warn",
      },
      "/srv/latchkey",
    );
    expect(config.mode).toBe("production");
    expect(config.kisi.baseUrl).toBe("https://api.kisi.io");
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://latchkey:pw@db.internal:5432/latchkey",
    });
    expect(config.email).toEqual({
      kind: "smtp",
      url: "smtps://user:pw@smtp.example.com:465",
      from: "Studio Access <access@example.com>",
    });
    expect(config.encryption.currentKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(config.encryption.previousKeys.map((k) => k[0])).toEqual([1, 2]);
    expect(config.logLevel).toBe("warn");
    expect(config.trustedProxyHops).toBe(0);
    expect(config.doorCacheSeconds).toBe(15);
    expect(config.groupLocksCacheSeconds).toBe(60);
    expect(
      parseConfig({
        ...production,
        TRUSTED_PROXY_HOPS: "2",
        LATCHKEY_DOOR_CACHE_SECONDS: "0",
        LATCHKEY_GROUP_LOCKS_CACHE_SECONDS: "600",
      }),
    ).toMatchObject({
      trustedProxyHops: 2,
      doorCacheSeconds: 0,
      groupLocksCacheSeconds: 600,
    });
  });

  it("runs the background jobs in the server unless LATCHKEY_BACKGROUND_JOBS=off", () => {
    expect(parseConfig(production).worker.inProcess).toBe(true);
    expect(parseConfig({ ...production, LATCHKEY_BACKGROUND_JOBS: "off" }).worker.inProcess).toBe(
      false,
    );
    expect(() => parseConfig({ ...production, LATCHKEY_BACKGROUND_JOBS: "maybe" })).toThrow(
      /LATCHKEY_BACKGROUND_JOBS/,
    );
  });

  it("treats empty strings as unset", () => {
    const config = parseConfig({ ...production, DATABASE_URL: "", SMTP_URL: "  " });
    expect(config.database.kind).toBe("pglite");
    expect(config.email.kind).toBe("capture");
  });

  it("requires APP_ORIGIN, LATCHKEY_ENCRYPTION_KEY and AUTH_SECRET outside demo mode, naming all at once", () => {
    const issues = issuesOf({});
    expect(issues.map((i) => i.variable).sort()).toEqual([
      "APP_ORIGIN",
      "AUTH_SECRET",
      "LATCHKEY_ENCRYPTION_KEY",
    ]);
  });

  it.each([
    ["APP_ORIGIN", "not a url"],
    ["APP_ORIGIN", "https://access.example.com/path"],
    ["APP_ORIGIN", "ftp://access.example.com"],
    ["APP_ORIGIN", "http://access.example.com"],
    ["KISI_BASE_URL", "http://api.kisi.io"],
    ["KISI_BASE_URL", "https://user:pw@api.kisi.io"],
    ["DATABASE_URL", "mysql://db/latchkey"],
    ["SMTP_URL", "http://smtp.example.com"],
    ["EMAIL_FROM", "not-an-address"],
    ["LATCHKEY_ENCRYPTION_KEY", "too-short"],
    ["LATCHKEY_ENCRYPTION_KEY", Buffer.alloc(16).toString("base64")],
    ["LATCHKEY_ENCRYPTION_KEYS_PREVIOUS", `${KEY},nope`],
    ["LOG_LEVEL", "verbose"],
    ["AUTH_SECRET", "short"],
    ["TRUSTED_PROXY_HOPS", "-1"],
    ["TRUSTED_PROXY_HOPS", "9"],
    ["LATCHKEY_DOOR_CACHE_SECONDS", "15s"],
    ["LATCHKEY_DEMO", "maybe"],
    ["KISI_INTEGRATION_CONTACT", "not-an-email"],
  ])("names %s when it is %j", (variable, value) => {
    const issues = issuesOf({ ...production, EMAIL_FROM: "a@b.example", [variable]: value });
    expect(issues.map((i) => i.variable)).toEqual([variable]);
  });

  it("allows plain http on loopback for the emulator and a local origin", () => {
    const config = parseConfig({
      ...production,
      APP_ORIGIN: "http://127.0.0.1:3000",
      KISI_BASE_URL: "http://127.0.0.1:3011",
    });
    expect(config.kisi.baseUrl).toBe("http://127.0.0.1:3011");
    expect(config.appOrigin).toBe("http://127.0.0.1:3000");
  });

  it("reports a malformed variable and the missing required ones together", () => {
    expect(
      issuesOf({ DATABASE_URL: "mysql://db/x" })
        .map((i) => i.variable)
        .sort(),
    ).toEqual(["APP_ORIGIN", "AUTH_SECRET", "DATABASE_URL", "LATCHKEY_ENCRYPTION_KEY"]);
  });

  it("applies the https rule to APP_ORIGIN even when other variables are malformed", () => {
    const issues = issuesOf({
      ...production,
      APP_ORIGIN: "http://access.example.com",
      LOG_LEVEL: "loud",
    });
    expect(issues.map((i) => i.variable).sort()).toEqual(["APP_ORIGIN", "LOG_LEVEL"]);
  });

  it("requires EMAIL_FROM when SMTP_URL is set", () => {
    expect(
      issuesOf({ ...production, SMTP_URL: "smtp://127.0.0.1:2525" }).map((i) => i.variable),
    ).toEqual(["EMAIL_FROM"]);
  });

  it("lists every problem in one message and never prints a value", () => {
    const secret = "s3cr3t-value-that-must-not-leak";
    try {
      parseConfig({
        APP_ORIGIN: secret,
        LATCHKEY_ENCRYPTION_KEY: secret,
        DATABASE_URL: `mysql://${secret}`,
        AUTH_SECRET: secret.slice(0, 8),
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/APP_ORIGIN/);
      expect(message).toMatch(/LATCHKEY_ENCRYPTION_KEY/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/AUTH_SECRET/);
      expect(message).not.toContain(secret);
    }
  });
});

describe("the benchmark's baseline page flag", () => {
  it("is on only in demo mode with LATCHKEY_BENCH=1", () => {
    expect(parseConfig({ LATCHKEY_DEMO: "1", LATCHKEY_BENCH: "1" }, "/srv").benchPages).toBe(true);
    expect(parseConfig({ LATCHKEY_DEMO: "1" }, "/srv").benchPages).toBe(false);
  });

  it("stays off in production even when LATCHKEY_BENCH is set", () => {
    expect(parseConfig({ ...production, LATCHKEY_BENCH: "1" }, "/srv").benchPages).toBe(false);
  });
});
