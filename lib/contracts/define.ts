import type { z } from "zod";
import type { ErrorCode } from "@/lib/api/error-codes";
import type { Role } from "@/lib/db/schema";

/**
 * Who may call an endpoint. The route wrapper (lib/api/handle.ts) enforces it, the route
 * inventory test reads it, and the OpenAPI document states it: one declaration, three readers.
 */
export type Caller =
  /**
   * Anyone: `why` is the reviewed reason it is safe (shown in the inventory test's output).
   * `perAddress` meters it per client address before anything else is read (a credential in the
   * body, such as an invitation token, is guessed no faster than that).
   */
  | {
      kind: "public";
      why: string;
      sameOrigin?: boolean;
      perAddress?: { bucket: string; limit: number; windowSeconds: number };
    }
  /** A guest: the access token in `Authorization: Bearer` is the credential (the visitor API). */
  | { kind: "visitor"; sameOrigin?: boolean }
  /** Any signed-in staff member (session cookie; no Bearer token). */
  | { kind: "signed-in" }
  /**
   * Staff of the studio in the path's `studioId` with one of `roles`; `apiTokens` lets a
   * booking system's studio API token call it too (with front-desk permissions).
   */
  | { kind: "studio"; roles: readonly Role[]; apiTokens?: boolean }
  /**
   * An owner of an organization (session only): 403 to someone who owns none. With
   * `organizationInPath`, the path's `{organizationId}` must be one of theirs (404 otherwise, so
   * nobody learns which organizations exist).
   */
  | { kind: "owner"; organizationInPath?: true };

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** What a successful answer carries: JSON described by `schema`, or another media type. */
export type Success =
  | {
      status: 200 | 201 | 202;
      schema: z.ZodType;
      /** Other statuses answered with the same shape (a replayed create, health's 503). */
      also?: readonly (200 | 201 | 202 | 503)[];
    }
  | { status: 200; media: RawMedia; schema?: undefined }
  /** An image whose type is judged from its own bytes (a studio's logo: PNG, JPEG or WebP). */
  | { status: 200; media: "image/*"; schema?: undefined }
  /** Done, nothing to say (a delete): no body. */
  | { status: 204; schema?: undefined; media?: undefined };

/**
 * A success that is not JSON: a CSV download, an image, Prometheus text. The service answers its
 * own Response (it sets the file name, streams); the document and the client only need the type.
 */
export type RawMedia = "text/csv" | "image/png" | "image/svg+xml" | "text/plain";

/**
 * A request body that is not JSON (a CSV upload): handle() checks its Content-Type against
 * `media` (415) and its size against `maxBytes` (413), and hands the service the bytes.
 */
export type Upload = { media: readonly [string, ...string[]]; maxBytes: number };

export type ContractSpec = {
  /** The OpenAPI operationId, also the client's name for it: `links.create`. */
  id: string;
  method: HttpMethod;
  /** OpenAPI style: `/api/studios/{studioId}/links` (the route file lives at the `[…]` form). */
  path: `/api/${string}`;
  summary: string;
  description?: string;
  caller: Caller;
  params?: AnyObject;
  query?: AnyObject;
  /** Request headers the endpoint reads, lower-case names (e.g. `idempotency-key`). */
  headers?: AnyObject;
  body?: z.ZodType;
  /** Instead of `body`: a non-JSON request body, read as bytes. */
  upload?: Upload;
  /** The largest JSON body accepted, bytes (default 16 KiB). */
  maxBodyBytes?: number;
  /**
   * A body that is not JSON: the bytes as sent (an image upload), read up to `maxBytes` (413
   * beyond) and handed to the service as `ctx.bytes`. What they are is for the service to judge
   * from the bytes themselves, so the declared Content-Type is documentation, not a check.
   */
  binaryBody?: { media: string; maxBytes: number };
  success: Success;
  /** The error codes this endpoint answers on purpose (beyond the ones every endpoint can). */
  errors: readonly ErrorCode[];
  /** Hidden from the published document (dashboard-only endpoints still get a contract). */
  internal?: boolean;
};

/** A contract keeps its literal types, so the handler and the client infer params and bodies. */
export function defineContract<const C extends ContractSpec>(spec: C): C {
  return spec;
}

export type Params<C extends ContractSpec> = C["params"] extends z.ZodType
  ? z.output<C["params"]>
  : Record<string, never>;
export type Query<C extends ContractSpec> = C["query"] extends z.ZodType
  ? z.output<C["query"]>
  : Record<string, never>;
export type Body<C extends ContractSpec> = C["body"] extends z.ZodType
  ? z.output<C["body"]>
  : C["upload"] extends Upload
    ? Buffer
    : undefined;
export type Headers<C extends ContractSpec> = C["headers"] extends z.ZodType
  ? z.output<C["headers"]>
  : Record<string, never>;
/** What the client sends: schema inputs (strings for dates, numbers before coercion). */
export type BodyInput<C extends ContractSpec> = C["body"] extends z.ZodType
  ? z.input<C["body"]>
  : C["upload"] extends Upload
    ? Blob
    : undefined;
export type QueryInput<C extends ContractSpec> = C["query"] extends z.ZodType
  ? z.input<C["query"]>
  : undefined;
export type ParamsInput<C extends ContractSpec> = C["params"] extends z.ZodType
  ? z.input<C["params"]>
  : undefined;
/** The JSON a successful call answers with (a Blob for other media, nothing for a 204). */
export type Result<C extends ContractSpec> = C["success"] extends { schema: z.ZodType }
  ? z.output<C["success"]["schema"]>
  : C["success"] extends { status: 204 }
    ? undefined
    : Blob;

/** `/api/studios/{studioId}/links` + `{ studioId: "s1" }` → `/api/studios/s1/links`. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** The Next.js route pattern of a contract's path: `{studioId}` → `[studioId]`. */
export function routePattern(path: string): string {
  return path.replace(/\{(\w+)\}/g, "[$1]");
}
