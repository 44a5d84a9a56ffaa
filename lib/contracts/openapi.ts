import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { CONTRACTS } from "./index";
import type { ContractSpec } from "./define";
import { errorBodySchema } from "./shared";
import { WEBHOOK_DATA_SCHEMAS, webhookPayloadSchema } from "@/lib/schemas/webhooks";

type JsonSchema = Record<string, unknown>;

/**
 * Named schemas (`.meta({ id })`) land in `components.schemas`, shared by every operation that
 * uses them. zod writes them as local `$defs`, which in an OpenAPI document would resolve against
 * the document's root, so they are moved and their references rewritten.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** One schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), request or response side. */
  schema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const {
      $schema: _dialect,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      // Date transforms and refinements have no JSON Schema form; their input side does.
      unrepresentable: "any",
      cycles: "throw",
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const names = new Map<string, string>();
    for (const [id, def] of Object.entries($defs ?? {})) names.set(id, this.add(id, def, names));
    return rewriteRefs(rest, names);
  }

  private add(id: string, def: JsonSchema, names: Map<string, string>): string {
    const body = rewriteRefs(def, names);
    // The same id on the request and the response side may differ (defaults, coercions).
    for (let n = 1; ; n++) {
      const name = n === 1 ? id : `${id}${n}`;
      const existing = this.schemas[name];
      if (!existing) {
        this.schemas[name] = body;
        return name;
      }
      if (JSON.stringify(existing) === JSON.stringify(body)) return name;
    }
  }
}

function rewriteRefs(value: unknown, names: Map<string, string>): JsonSchema {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, names)) as unknown as JsonSchema;
  if (typeof value !== "object" || value === null) return value as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
      const id = v.slice("#/$defs/".length);
      out.$ref = `#/components/schemas/${names.get(id) ?? id}`;
    } else if (key === "id" && typeof v === "string") out.title = v;
    else out[key] = rewriteRefs(v, names);
  }
  return out;
}

function parameters(components: Components, contract: ContractSpec) {
  const list: JsonSchema[] = [];
  const add = (where: "path" | "query" | "header", object: z.ZodObject | undefined) => {
    if (!object) return;
    const schema = components.schema(object, "input") as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property as { description?: string };
      list.push({
        name,
        in: where,
        required: where === "path" || (schema.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  };
  add("path", contract.params);
  add("query", contract.query);
  add("header", contract.headers);
  return list;
}

function errorResponses(components: Components, codes: readonly ErrorCode[]) {
  const errorResponseSchema = components.schema(errorBodySchema, "output");
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set<ErrorCode>([...codes, "internal_error"])) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: list.map((c) => `\`${c}\``).join(", "),
          content: { "application/json": { schema: errorResponseSchema } },
        },
      ]),
  );
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  503: "Unavailable (same shape)",
};

function security(contract: ContractSpec): JsonSchema[] | undefined {
  const { caller } = contract;
  if (caller.kind === "public") return [];
  if (caller.kind === "visitor") return [{ accessToken: [] }];
  if (caller.kind === "studio" && caller.apiTokens)
    return [{ studioApiToken: [] }, { session: [] }];
  return [{ session: [] }];
}

function operation(components: Components, contract: ContractSpec) {
  const { success } = contract;
  const successContent =
    success.schema !== undefined
      ? { "application/json": { schema: components.schema(success.schema, "output") } }
      : success.media !== undefined
        ? { [success.media]: { schema: { type: "string", format: "binary" } } }
        : undefined;
  const statuses = [success.status, ...("also" in success && success.also ? success.also : [])];
  const callerNote =
    contract.caller.kind === "studio"
      ? `Who may call: ${contract.caller.roles.join(", ")}${contract.caller.apiTokens ? ", or the studio's API token (front-desk permissions)" : ""}.`
      : contract.caller.kind === "visitor"
        ? "Who may call: the guest, with the access token."
        : contract.caller.kind === "signed-in"
          ? "Who may call: any signed-in staff member."
          : contract.caller.kind === "owner"
            ? "Who may call: owners of the organization (signed in)."
            : `Who may call: anyone${contract.caller.perAddress ? `, ${contract.caller.perAddress.limit} times per address per ${contract.caller.perAddress.windowSeconds} s` : ""}.`;
  return {
    operationId: contract.id,
    summary: contract.summary,
    description: [contract.description, callerNote].filter(Boolean).join("\n\n"),
    tags: [contract.id.split(".")[0]!],
    parameters: parameters(components, contract),
    ...(contract.binaryBody
      ? {
          requestBody: {
            required: true,
            content: {
              [contract.binaryBody.media]: { schema: { type: "string", format: "binary" } },
            },
          },
        }
      : {}),
    ...(contract.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: components.schema(contract.body, "input") } },
          },
        }
      : contract.upload
        ? {
            requestBody: {
              required: true,
              description: `At most ${contract.upload.maxBytes} bytes.`,
              content: Object.fromEntries(
                contract.upload.media.map((media) => [media, { schema: { type: "string" } }]),
              ),
            },
          }
        : {}),
    responses: {
      ...Object.fromEntries(
        statuses.map((status) => [
          String(status),
          {
            description: STATUS_TEXT[status] ?? String(status),
            ...(successContent ? { content: successContent } : {}),
          },
        ]),
      ),
      ...errorResponses(components, contract.errors),
    },
    security: security(contract),
  };
}

/**
 * The published API as OpenAPI 3.1, generated from the contracts (dashboard-only endpoints are
 * left out). It describes and reveals nothing: no secrets, no studio data.
 */
export function openApiDocument(origin: string, options: { includeInternal?: boolean } = {}) {
  const contracts = CONTRACTS.filter((c) => options.includeInternal || !c.internal);
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of contracts) {
    paths[contract.path] ??= {};
    paths[contract.path]![contract.method.toLowerCase()] = operation(components, contract);
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Latchkey API",
      version: "1",
      description:
        "Issue, list, change and revoke guest access links for a studio (the Studio API, for " +
        "booking systems), and the visitor API the guest page uses. Errors always have the shape " +
        "`{ error: { code, message, issues? } }`: `code` is stable, `message` is in the caller's " +
        "language (Accept-Language). Every 503 carries `Retry-After`. `POST …/links` honours " +
        "`Idempotency-Key`: the same key and body return the first link, another body is 409.",
    },
    servers: [{ url: origin }],
    components: {
      schemas: components.schemas,
      securitySchemes: {
        studioApiToken: {
          type: "http",
          scheme: "bearer",
          description: "A studio API token, created by a manager under API tokens.",
        },
        accessToken: {
          type: "http",
          scheme: "bearer",
          description: "The guest's access token (the secret part of the guest's URL).",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "__Host-latchkey.session_token",
          description:
            "A signed-in staff member's session (the dashboard); `latchkey.session_token` over " +
            "plain http (the local demo).",
        },
      },
    },
    paths,
    webhooks: webhookOperations(components),
  };
}

/**
 * What Latchkey POSTs to a studio's webhook endpoints (OpenAPI 3.1 `webhooks`): one entry per
 * event type, its body the same strict schema every payload is checked against before it is
 * stored. Signed per Standard Webhooks (docs/webhooks.md); answer 2xx within 15 s.
 */
function webhookOperations(components: Components) {
  const signed = ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({
    name,
    in: "header",
    required: true,
    schema: { type: "string" },
  }));
  return Object.fromEntries(
    (Object.keys(WEBHOOK_DATA_SCHEMAS) as (keyof typeof WEBHOOK_DATA_SCHEMAS)[]).map((type) => [
      type,
      {
        post: {
          operationId: `webhook.${type}`,
          summary: `The ${type} event`,
          parameters: signed,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: components.schema(webhookPayloadSchema(type), "output"),
              },
            },
          },
          responses: {
            "200": { description: "Received (any 2xx). Anything else is retried with backoff." },
          },
        },
      },
    ]),
  );
}
