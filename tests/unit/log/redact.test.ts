import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { withApi } from "@/lib/api/handler";
import { configureLogger, log, withRequestLog, type LogLevel } from "@/lib/log/logger";
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
  afterEach(() => configureLogger({ level: "silent" }));

  function capture(level: LogLevel = "debug") {
    const lines: Array<{ line: string; level: LogLevel }> = [];
    configureLogger({ level, sink: (line, at) => lines.push({ line, level: at }) });
    return {
      lines,
      records: () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>),
      text: () => lines.map(({ line }) => line).join("\n"),
    };
  }

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

  it("drops records below the configured level and tells the sink each line's level", () => {
    const out = capture("warn");
    log.debug("quieter");
    log.info("quiet");
    log.warn("loud");
    log.error("louder");
    expect(out.records().map((r) => [r.msg, r.level])).toEqual([
      ["loud", "warn"],
      ["louder", "error"],
    ]);
    expect(out.lines.map((l) => l.level)).toEqual(["warn", "error"]);
  });

  it("reduces a logged error to its name and scrubbed message, without the stack", () => {
    const out = capture();
    const error = new Error(`Kisi refused KISI-LOGIN ${TOKEN} for /invite/${TOKEN}`);
    log.error("kisi call failed", { linkId: 7, error });
    expect(out.records()[0]).toMatchObject({
      linkId: 7,
      error: {
        name: "Error",
        message: "Kisi refused KISI-LOGIN [redacted] for /invite/[redacted]",
      },
    });
    expect(out.text()).not.toContain(TOKEN);
    expect(out.text()).not.toContain("at ");
  });

  it("keeps API keys and link secrets out at any depth, whatever the key's case", () => {
    const out = capture();
    log.warn("studio sync", {
      studio: { id: 1, kisi: { apiKey: "studio-api-key-123", LinkSecret: "link-secret-456" } },
      links: [{ id: 2, secret: "link-secret-789", accessToken: TOKEN }],
    });
    const text = out.text();
    for (const secret of ["studio-api-key-123", "link-secret-456", "link-secret-789", TOKEN])
      expect(text).not.toContain(secret);
    expect(out.records()[0]).toMatchObject({ studio: { id: 1 }, links: [{ id: 2 }] });
  });

  it("scrubs a child logger's bindings and messages too", () => {
    const out = capture();
    log
      .child({ url: `https://a.example/access/${TOKEN}`, kisiSecret: "s3cret" })
      .info(`GET /access/${TOKEN}`);
    expect(out.records()[0]).toMatchObject({
      url: "https://a.example/access/[redacted]",
      kisiSecret: "[redacted]",
      msg: "GET /access/[redacted]",
    });
    expect(out.text()).not.toContain(TOKEN);
    expect(out.text()).not.toContain("s3cret");
  });
});

describe("per-request child loggers", () => {
  afterEach(() => configureLogger({ level: "silent" }));

  const request = (path: string, headers: Record<string, string> = {}) =>
    new Request(`https://latchkey.example${path}`, { method: "POST", headers });

  it("bind every line inside a request to its id, method and scrubbed path", async () => {
    const lines: string[] = [];
    configureLogger({ level: "debug", sink: (line) => lines.push(line) });
    await withRequestLog(request(`/api/access/${TOKEN}/unlock`), async () => {
      log.info("first");
      await Promise.resolve();
      log.child({ doorId: 5 }).warn("second");
    });
    log.info("outside");
    const [first, second, outside] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ method: "POST", path: "/api/access/[redacted]/unlock" });
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatchObject({ requestId: first.requestId, doorId: 5 });
    expect(outside.requestId).toBeUndefined();
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("give each request its own id, keeping a caller's plain X-Request-Id", async () => {
    const ids: unknown[] = [];
    configureLogger({ level: "debug", sink: (line) => ids.push(JSON.parse(line).requestId) });
    const logOnce = (headers?: Record<string, string>) =>
      withRequestLog(request("/api/x", headers), () => log.info("x"));
    logOnce();
    logOnce();
    logOnce({ "x-request-id": "edge-42.a" });
    logOnce({ "x-request-id": '"} injected' });
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe("edge-42.a");
    expect(ids[3]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("are opened by withApi, so a route's unhandled error is logged with its request", async () => {
    const lines: string[] = [];
    configureLogger({ level: "debug", sink: (line) => lines.push(line) });
    const route = withApi(async () => {
      throw new Error(`boom for /access/${TOKEN}`);
    });
    const res = await route(new NextRequest(`https://latchkey.example/access/${TOKEN}`), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "error",
      msg: "unhandled error in route",
      method: "GET",
      path: "/access/[redacted]",
      error: { message: "boom for /access/[redacted]" },
    });
    expect(lines[0]).not.toContain(TOKEN);
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
