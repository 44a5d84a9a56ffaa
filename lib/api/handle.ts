import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import {
  requireSignedIn,
  requireStudioRole,
  requireStudioRoleOrApiToken,
  type StudioActor,
  type StudioPrincipal,
} from "@/lib/auth/guards";
import { requireOwnerScope } from "@/lib/auth/owner-scope";
import type {
  Body,
  Caller,
  ContractSpec,
  Headers,
  Params,
  Query,
  Upload,
} from "@/lib/contracts/define";
import { getConfig } from "@/lib/config";
import type { Keyring } from "@/lib/crypto/encryption";
import { getDb, type Db } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";
import { getKisiClient, type KisiClient } from "@/lib/kisi";
import { hitRateLimit } from "@/lib/access/rate-limit";
import { ApiError } from "./errors";
import { parseJsonBody, readBodyBytes, withApi, zodLocaleError } from "./handler";
import { assertSameOrigin, bearerToken, clientIp } from "./request-guards";

/** What every service may need, built in this one place instead of in each route. */
export type AppDeps = { db: Db; kisi: KisiClient; keyring: Keyring; appOrigin: string };

/** Who is calling, as the contract's `caller` establishes it. */
export type CallerOf<K extends Caller> = K extends { kind: "studio"; apiTokens: true }
  ? StudioPrincipal
  : K extends { kind: "studio" }
    ? StudioActor
    : K extends { kind: "signed-in" }
      ? { userId: string }
      : K extends { kind: "visitor" }
        ? { token: string | null }
        : K extends { kind: "owner" }
          ? { userId: string; organizationIds: string[] }
          : null;

export type ServiceContext<C extends ContractSpec> = {
  req: NextRequest;
  locale: Locale;
  params: Params<C>;
  query: Query<C>;
  body: Body<C>;
  /** The raw body of a `binaryBody` contract (an upload). */
  bytes: C["binaryBody"] extends object ? Buffer : undefined;
  headers: Headers<C>;
  caller: CallerOf<C["caller"]>;
  /** The app's dependencies, opened on first use (health answers a database outage itself). */
  deps: () => Promise<AppDeps>;
  now: Date;
};

/** A JSON answer with a status or headers other than the contract's default. */
export type Reply<T> = { reply: true; status: number; body: T; headers?: Record<string, string> };

export function reply<T>(status: number, body: T, headers?: Record<string, string>): Reply<T> {
  return { reply: true, status, body, headers };
}

type ServiceResult<C extends ContractSpec> = C["success"] extends { schema: z.ZodType }
  ? z.input<C["success"]["schema"]> | Reply<z.input<C["success"]["schema"]>> | Response
  : C["success"] extends { status: 204 }
    ? void
    : Response;

/**
 * A route handler from a contract: `export const POST = handle(createLink, service)`. It
 * establishes the caller the contract names, parses params, query, headers and body with the
 * contract's schemas (422 with the field's problem in the caller's language), builds the
 * dependencies, and answers the service's result as JSON with the contract's status. Every failure
 * becomes the one error envelope (withApi).
 */
export function handle<C extends ContractSpec>(
  contract: C,
  service: (ctx: ServiceContext<C>) => Promise<ServiceResult<C>>,
) {
  return withApi<Record<string, string>>(async ({ req, params: rawParams, locale }) => {
    const error = zodLocaleError(locale);
    const config = getConfig();
    const spec = contract.caller;
    if ((spec.kind === "public" || spec.kind === "visitor") && spec.sameOrigin)
      assertSameOrigin(req, config.appOrigin);
    const caller = await establishCaller(req, spec, rawParams);
    // Params stay strings the guards already checked; a contract may narrow them further.
    const params = contract.params ? contract.params.parse(rawParams, { error }) : rawParams;
    const query = contract.query
      ? contract.query.parse(Object.fromEntries(req.nextUrl.searchParams), { error })
      : {};
    const headers = contract.headers
      ? contract.headers.parse(headerValues(req, contract.headers), { error })
      : {};
    const body = contract.body
      ? await parseJsonBody(req, contract.body, locale, contract.maxBodyBytes)
      : contract.upload
        ? await readUpload(req, contract.upload)
        : undefined;
    const bytes = contract.binaryBody
      ? await readBodyBytes(req, contract.binaryBody.maxBytes)
      : undefined;
    let opened: Promise<AppDeps> | undefined;
    const deps = () =>
      (opened ??= getDb().then((db) => ({
        db,
        kisi: getKisiClient(),
        keyring: config.encryption,
        appOrigin: config.appOrigin,
      })));
    const result = await service({
      req,
      locale,
      params,
      query,
      body,
      bytes,
      headers,
      caller,
      deps,
      now: new Date(),
    } as ServiceContext<C>);
    if (result instanceof Response) return result;
    const success = contract.success;
    const noStore = { "Cache-Control": "no-store" };
    if (success.status === 204) return new NextResponse(null, { status: 204, headers: noStore });
    if (isReply(result))
      return NextResponse.json(result.body, {
        status: result.status,
        headers: { ...noStore, ...result.headers },
      });
    return NextResponse.json(result, { status: success.status, headers: noStore });
  });
}

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === "object" && value !== null && (value as Reply<unknown>).reply === true;
}

async function establishCaller(
  req: NextRequest,
  spec: Caller,
  params: Record<string, string>,
): Promise<unknown> {
  switch (spec.kind) {
    case "public":
      if (spec.perAddress) await meterAddress(req, spec.perAddress);
      return null;
    case "visitor":
      return { token: bearerToken(req) };
    case "signed-in":
      return { userId: await requireSignedIn(req) };
    case "owner":
      return requireOwnerScope(
        req,
        spec.organizationInPath ? (params.organizationId ?? "") : undefined,
      );
    case "studio": {
      const studioId = params.studioId;
      // A contract for a studio endpoint without {studioId} is a programming error.
      if (studioId === undefined) throw new ApiError("internal_error");
      return spec.apiTokens
        ? requireStudioRoleOrApiToken(req, studioId, spec.roles)
        : requireStudioRole(req, studioId, spec.roles);
    }
  }
}

/** A public endpoint's budget per client address, spent before the request is read. */
async function meterAddress(
  req: NextRequest,
  budget: { bucket: string; limit: number; windowSeconds: number },
) {
  const ip = clientIp(req.headers) ?? "unknown";
  const key = `${budget.bucket}:ip:${ip}`;
  const limit = await hitRateLimit(await getDb(), key, budget.limit, budget.windowSeconds);
  if (!limit.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
}

/** A non-JSON body (a CSV upload): its declared media type (415) and size (413) first. */
async function readUpload(req: NextRequest, upload: Upload): Promise<Buffer> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!upload.media.includes(type)) throw new ApiError("unsupported_media_type");
  return readBodyBytes(req, upload.maxBytes);
}

/** The declared headers' values (absent ones undefined, so optional schemas pass). */
function headerValues(req: NextRequest, schema: z.ZodObject<z.ZodRawShape>) {
  return Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, req.headers.get(name) ?? undefined]),
  );
}
