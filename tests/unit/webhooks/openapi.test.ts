import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/contracts/openapi";
import { WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";

describe("the OpenAPI document's webhooks", () => {
  it("describes every event type with its payload schema and the signature headers, and no secret field", () => {
    const doc = openApiDocument("https://latchkey.example.com");
    for (const type of WEBHOOK_EVENT_TYPES) {
      const op = doc.webhooks[type]!.post;
      const names = op.parameters.map((p) => p.name);
      expect(names).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
      const schema = JSON.stringify(op.requestBody.content["application/json"].schema);
      expect(schema).toContain(`"const":"${type}"`);
      expect(schema).toContain('"additionalProperties":false');
    }
    const all = JSON.stringify(doc.webhooks);
    for (const leak of ["url", "token", "secret"])
      expect(all).not.toMatch(new RegExp(`"${leak}":`, "i"));
    expect(all).toContain("externalRef");
  });
});
