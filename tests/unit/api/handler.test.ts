import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_CODES } from "@/lib/api/error-codes";
import { ApiError } from "@/lib/api/errors";
import { errorResponse, parseJsonBody, withApi } from "@/lib/api/handler";
import { KisiError } from "@/lib/kisi/errors";

const schema = z.strictObject({ latitude: z.number() });

function chunked(
  text: string,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
      controller.close();
    },
  });
  // Streams need `duplex: "half"` (Node's fetch); NextRequest's own init type omits it.
  const init = { method: "POST", body: stream, headers, duplex: "half" } as ConstructorParameters<
    typeof NextRequest
  >[1];
  return new NextRequest("http://127.0.0.1/api/x", init);
}

describe("parseJsonBody", () => {
  it("parses a small JSON body", async () => {
    expect(await parseJsonBody(chunked('{"latitude":1.5}'), schema, "en")).toEqual({
      latitude: 1.5,
    });
  });

  it("stops reading a chunked body without Content-Length at the limit → payload_too_large", async () => {
    const huge = `{"latitude":1,"pad":"${"x".repeat(50_000)}"}`;
    await expect(parseJsonBody(chunked(huge), schema, "en", 4096)).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });

  it.each([
    ["text/plain", '{"latitude":1}', "unsupported_media_type"],
    ["application/json", "{not json", "invalid_request"],
  ])("Content-Type %s with %j → %s", async (type, body, code) => {
    await expect(
      parseJsonBody(chunked(body, { "content-type": type }), schema, "en"),
    ).rejects.toMatchObject({ code });
  });

  it("reports schema problems in the caller's language", async () => {
    const error = await parseJsonBody(chunked('{"latitude":"north"}'), schema, "fr").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(z.ZodError);
    expect((error as z.ZodError).issues[0]?.message).toMatch(/nombre/);
  });
});

describe("error envelope", () => {
  const body = async (res: Response) => ({
    status: res.status,
    json: await res.json(),
    retryAfter: res.headers.get("retry-after"),
  });

  it.each([
    [
      new ApiError("too_far"),
      "en",
      403,
      "too_far",
      "You are too far from the studio to open this door.",
    ],
    [new ApiError("revoked"), "de", 410, "revoked", "Dieser Zugangslink wurde widerrufen."],
    [
      new KisiError({ kind: "timeout", message: "POST /locks/1/unlock: no answer" }),
      "en",
      503,
      "kisi_unavailable",
      undefined,
    ],
    [
      new Error("SELECT * FROM secret_table failed at /srv/app.js:12"),
      "en",
      500,
      "internal_error",
      "Something went wrong on our side. Please try again.",
    ],
  ] as const)("%o in %s → %i %s", async (error, locale, status, code, message) => {
    const res = await body(await errorResponse(error, locale));
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    if (message) expect(res.json.error.message).toBe(message);
    expect(JSON.stringify(res.json)).not.toMatch(/secret_table|app\.js|no answer/);
  });

  it("carries Retry-After for rate limits, including Kisi's", async () => {
    expect(
      await body(await errorResponse(new ApiError("rate_limited", { retryAfterSeconds: 7 }))),
    ).toMatchObject({ status: 429, retryAfter: "7" });
    const kisi429 = new KisiError({ kind: "http", status: 429, retryAfterMs: 2_500, message: "x" });
    expect(await body(await errorResponse(kisi429))).toMatchObject({
      status: 429,
      retryAfter: "3",
    });
  });

  it("names the Bearer scheme on a 401, and only there", async () => {
    const unauthorized = await errorResponse(new ApiError("unauthorized"));
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
    expect(
      (await errorResponse(new ApiError("forbidden"))).headers.get("www-authenticate"),
    ).toBeNull();
  });

  it("answers a database outage with a retryable 503, not a 500", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const handler = withApi(async () => {
      throw new Error("Failed query: select 1", { cause: refused });
    });
    const res = await handler(chunked("{}"), { params: Promise.resolve({}) });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error.code).toBe("service_unavailable");
  });

  it("withApi maps a zod failure to 422 with issues, and never throws", async () => {
    const handler = withApi(async ({ req, locale }) => {
      await parseJsonBody(req, schema, locale);
      return new Response("unreachable");
    });
    const res = await handler(chunked('{"latitude":"x","extra":1}'), {
      params: Promise.resolve({}),
    });
    const json = await res.json();
    expect(res.status).toBe(422);
    expect(json.error.code).toBe("validation_failed");
    expect(json.error.issues.length).toBeGreaterThan(0);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("errors from another copy of a module", () => {
  // Next gives each route its own module instances; the shared Kisi client may throw a
  // KisiError built by another copy of the class. Identity must not depend on instanceof.
  it("are still recognised and mapped", async () => {
    const foreignKisi = Object.assign(
      Object.create(Error.prototype),
      new KisiError({ kind: "http", status: 401, message: "x" }),
    );
    Object.setPrototypeOf(foreignKisi, Error.prototype);
    expect(foreignKisi instanceof KisiError).toBe(false);
    const { isKisiError } = await import("@/lib/kisi/errors");
    expect(isKisiError(foreignKisi)).toBe(true);

    const foreignApi = Object.setPrototypeOf({ ...new ApiError("too_far") }, Error.prototype);
    Object.getOwnPropertySymbols(new ApiError("too_far")).forEach((s) => (foreignApi[s] = true));
    expect(foreignApi instanceof ApiError).toBe(false);
    const res = await errorResponse(foreignApi, "en");
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("too_far");
  });
});

describe("Latchkey's own issue messages", () => {
  it("are translated into the caller's language with their key as a stable code; unknown texts pass through unchanged", async () => {
    const error = new ApiError("validation_failed", {
      issues: [
        { path: "validUntil", message: "untilBeforeFrom" },
        { path: "kisiGroupId", message: "unknownKisiGroup" },
        { path: "x", message: "Invalid input: expected number" },
      ],
    });
    const de = (await (await errorResponse(error, "de")).json()).error.issues;
    expect(de).toEqual([
      { path: "validUntil", code: "untilBeforeFrom", message: "muss nach dem Beginn liegen" },
      {
        path: "kisiGroupId",
        code: "unknownKisiGroup",
        message: "ist keine Gruppe dieses Kisi-Kontos",
      },
      { path: "x", message: "Invalid input: expected number" },
    ]);
  });

  it("reach an API caller localized through a schema refinement", async () => {
    const { createLinkBodySchema } = await import("@/lib/schemas/links");
    const req = chunked(
      JSON.stringify({
        name: "X",
        validFrom: "2031-01-02T10:00:00Z",
        validUntil: "2031-01-01T10:00:00Z",
      }),
    );
    const error = await parseJsonBody(req, createLinkBodySchema, "fr").catch((e: unknown) => e);
    const res = await (await errorResponse(error, "fr")).json();
    expect(res.error.issues).toEqual([
      { path: "validUntil", code: "untilBeforeFrom", message: "doit être après le début" },
    ]);
  });
});

describe("every 503 Latchkey sends", () => {
  const unavailable = Object.entries(ERROR_CODES)
    .filter(([, spec]) => spec.status === 503)
    .map(([code]) => code as keyof typeof ERROR_CODES);

  it("covers the codes this test expects (a new 503 code lands here too)", () => {
    expect(unavailable.sort()).toEqual([
      "door_offline",
      "geofence_unconfigured",
      "kisi_unavailable",
      "service_unavailable",
    ]);
  });

  it.each(unavailable)("%s carries a Retry-After of whole seconds", async (code) => {
    const res = await errorResponse(new ApiError(code), "en");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  it("so does a Kisi failure mapped to kisi_unavailable, and a thrower's own value wins", async () => {
    const kisi = new KisiError({ kind: "http", status: 502, message: "POST /group_links: 502" });
    const res = await errorResponse(kisi, "en");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const own = await errorResponse(new ApiError("door_offline", { retryAfterSeconds: 2 }), "en");
    expect(own.headers.get("retry-after")).toBe("2");
  });
});
