import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { Validator } from "@seriousme/openapi-schema-validator";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

/** Whether a document is valid OpenAPI 3.1 (the official schema, through a maintained validator). */
export async function validateOpenApi(doc: unknown) {
  return new Validator().validate(doc as Record<string, unknown>);
}

/**
 * Checks real answers against the published document: the operation must document the status
 * it answered, and the JSON body must fit that status's schema (named schemas resolved from
 * `components.schemas`). Returns the problems, empty when the answer conforms.
 */
export function conformance(document: unknown) {
  const doc = document as Doc;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const local = (schema: unknown) =>
    JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/'),
    ) as object;
  ajv.addSchema({ $id: "components", $defs: local(doc.components.schemas) });
  const operations = new Map<string, Operation>();
  for (const methods of Object.values(doc.paths))
    for (const op of Object.values(methods)) operations.set(op.operationId, op);

  return {
    operationIds: [...operations.keys()],
    check(operationId: string, status: number, body: unknown): string[] {
      const op = operations.get(operationId);
      if (!op) return [`${operationId}: not in the document`];
      const response = op.responses[String(status)];
      if (!response) return [`${operationId}: status ${status} is not documented`];
      const schema = response.content?.["application/json"]?.schema;
      // A documented answer without content (204) conforms when nothing came back.
      if (!schema)
        return response.content === undefined && body === undefined
          ? []
          : [`${operationId} ${status}: no JSON schema documented`];
      const validate = ajv.compile(local(schema));
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (e) => `${operationId} ${status}: ${e.instancePath || "/"} ${e.message}`,
      );
    },
  };
}
