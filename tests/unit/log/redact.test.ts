import { afterEach, describe, expect, it } from "vitest";
import { configureLogger, log } from "@/lib/log/logger";
import { redact, redactString } from "@/lib/log/redact";

const TOKEN = "Qm9vdHN0cmFwLXRva2VuLWZvci10ZXN0cy0xMjM0NTY3";

describe("redact", () => {
  it("drops values under secret-named keys at any depth", () => {
    const out = redact({
      headers: { authorization: "KISI-LOGIN abc", Cookie: "s=1", accept: "application/json" },
      nested: [{ apiKey: "k", kisiSecret: "s", token: "t", password: "p", name: "Front door" }],
    });
    expect(out).toEqual({
      headers: { authorization: "[redacted]", Cookie: "[redacted]", accept: "application/json" },
      nested: [
        {
          apiKey: "[redacted]",
          kisiSecret: "[redacted]",
          token: "[redacted]",
          password: "[redacted]",
          name: "Front door",
        },
      ],
    });
  });

  it("scrubs credentials from free text", () => {
    expect(redactString("sent Authorization: KISI-GROUP-LINK abc123secret to kisi")).toBe(
      "sent Authorization: KISI-GROUP-LINK [redacted] to kisi",
    );
    expect(redactString("KISI-LOGIN key-1, Bearer xyz")).toBe(
      "KISI-LOGIN [redacted], Bearer [redacted]",
    );
    expect(redactString(`GET /access/${TOKEN} 200`)).toBe("GET /access/[redacted] 200");
    expect(redactString(`sent https://a.example/invite/${TOKEN}`)).toBe(
      "sent https://a.example/invite/[redacted]",
    );
    expect(redactString("postgres://latchkey:hunter2@db:5432/x")).toBe(
      "postgres://latchkey:[redacted]@db:5432/x",
    );
    expect(redactString("/reset?token=abc&x=1")).toBe("/reset?token=[redacted]&x=1");
  });

  it("reduces errors to name and scrubbed message", () => {
    expect(redact(new Error(`failed for /access/${TOKEN}`))).toEqual({
      name: "Error",
      message: "failed for /access/[redacted]",
    });
  });
});

describe("log", () => {
  afterEach(() =>
    configureLogger({
      level: "info",
      sink: (line, level) =>
        (level === "error" || level === "warn" ? process.stderr : process.stdout).write(
          line + "\n",
        ),
    }),
  );

  it("writes JSON lines with UTC time and never a secret", () => {
    const lines: string[] = [];
    configureLogger({ level: "debug", sink: (line) => lines.push(line) });
    log.info(`unlock via /access/${TOKEN}`, {
      authorization: "KISI-GROUP-LINK s3cret",
      lockId: 5001,
    });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? "{}");
    expect(record).toMatchObject({
      level: "info",
      msg: "unlock via /access/[redacted]",
      authorization: "[redacted]",
      lockId: 5001,
    });
    expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(lines[0]).not.toContain("s3cret");
    expect(lines[0]).not.toContain(TOKEN);
  });

  it("drops records below the configured level", () => {
    const lines: string[] = [];
    configureLogger({ level: "warn", sink: (line) => lines.push(line) });
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });
});

describe("database errors", () => {
  it("drop drizzle's query parameters, which carry row values", () => {
    const error = new Error(
      'Failed query: insert into "access_links" ("guest_name") values ($1)\nparams: Ada Lovelace,ada@example.com,lk1.abc.def',
    );
    expect(redact(error)).toEqual({
      name: "Error",
      message:
        'Failed query: insert into "access_links" ("guest_name") values ($1)\nparams: [redacted]',
    });
  });
});
