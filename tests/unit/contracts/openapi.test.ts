import { describe, expect, it } from "vitest";
import { CONTRACTS } from "@/lib/contracts";
import { openApiDocument } from "@/lib/contracts/openapi";
import { conformance, validateOpenApi } from "../../support/openapi-conformance";

const doc = openApiDocument("https://latchkey.example");

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const result = await validateOpenApi(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("the validator refuses a broken document (so the check above can fail)", async () => {
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, object>> };
    broken.paths["/api/health"]!.get = { responses: "none" };
    expect((await validateOpenApi(broken)).valid).toBe(false);
  });

  it("publishes every public contract and hides the dashboard-only ones", () => {
    const ids = conformance(doc).operationIds;
    expect(ids.sort()).toEqual(
      CONTRACTS.filter((c) => !c.internal)
        .map((c) => c.id)
        .sort(),
    );
    expect(ids).toContain("links.create");
    expect(ids).not.toContain("apiTokens.create");
  });

  it("names every error code an endpoint answers under its status, with the error shape", () => {
    const create = doc.paths["/api/studios/{studioId}/links"]!.post as {
      responses: Record<string, { description: string }>;
    };
    expect(create.responses["409"]?.description).toContain("`idempotency_mismatch`");
    expect(create.responses["422"]?.description).toContain("`validation_failed`");
    const check = conformance(doc).check;
    expect(
      check("links.create", 409, {
        error: { code: "idempotency_mismatch", message: "Different body for this key." },
      }),
    ).toEqual([]);
    expect(
      check("links.create", 409, { error: { code: "no_such_code", message: "x" } }),
    ).not.toEqual([]);
  });

  it("describes request bodies by what is sent (ISO strings), and the Idempotency-Key header", () => {
    const create = doc.paths["/api/studios/{studioId}/links"]!.post as {
      parameters: { name: string; in: string }[];
      requestBody: {
        content: {
          "application/json": {
            schema: { properties: Record<string, { type?: string; format?: string }> };
          };
        };
      };
    };
    expect(create.parameters).toContainEqual(
      expect.objectContaining({ name: "idempotency-key", in: "header" }),
    );
    const props = create.requestBody.content["application/json"].schema.properties;
    expect(props.validFrom).toMatchObject({ type: "string", format: "date-time" });
  });

  it("a response with a missing field or an undocumented status does not conform", () => {
    const check = conformance(doc).check;
    expect(
      check("health", 200, { status: "ok", mode: "demo", checks: { database: "ok" } }),
    ).toEqual([]);
    expect(check("health", 200, { status: "ok", mode: "demo" })).not.toEqual([]);
    expect(check("health", 418, {})).toEqual(["health: status 418 is not documented"]);
  });

  it("stays valid with the dashboard's endpoints: CSV uploads, CSV and SVG downloads, metrics", async () => {
    const full = openApiDocument("https://latchkey.example", { includeInternal: true });
    expect((await validateOpenApi(full)).errors ?? []).toEqual([]);
    const ops = full.paths as Record<string, Record<string, Record<string, unknown>>>;
    const upload = ops["/api/studios/{studioId}/links/bulk"]!.post!.requestBody as {
      content: Record<string, unknown>;
    };
    expect(Object.keys(upload.content)).toEqual(["text/csv", "text/plain"]);
    const download = ops["/api/studios/{studioId}/activity/export"]!.get!.responses as Record<
      string,
      { content?: Record<string, unknown> }
    >;
    expect(Object.keys(download["200"]!.content!)).toEqual(["text/csv"]);
    expect(ops["/api/invitations/accept"]!.post!.description).toContain("10 times per address");
  });

  it("carries no secret: no token, key or link URL", () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/\/access\/[A-Za-z0-9_-]{20,}/);
    expect(text).not.toMatch(/lk_[A-Za-z0-9]{10,}/);
  });
});
