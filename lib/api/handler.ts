import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z, ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { isKisiError } from "@/lib/kisi/errors";
import { DEFAULT_LOCALE, LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { log, withRequestLog } from "@/lib/log/logger";
import { apiRoute, metrics } from "@/lib/metrics/registry";
import { runInRequestContext } from "@/lib/staff-audit/context";
import { defaultRetryAfter, ERROR_CODES } from "./error-codes";
import { ApiError, isApiError, type ErrorBody, type ErrorIssue } from "./errors";
import { kisiApiError } from "./kisi-error";

export type HandlerContext<P> = { req: NextRequest; params: P; locale: Locale };
type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: resolves the caller's locale, awaits params, and maps every failure to
 * the one error envelope. Nothing escapes as a stack trace or an unhandled 500 (SECURITY.md I-2;
 * the missing try/catch is the lesson of dub's `withAdmin`). Auth guards compose inside.
 */
export function withApi<P = Record<string, never>>(
  handler: (ctx: HandlerContext<P>) => Promise<Response>,
): (req: NextRequest, context: RouteContext<P>) => Promise<Response> {
  return async (req, context) => {
    const started = performance.now();
    // Every line logged while handling the request carries its id, method and (scrubbed) path.
    const response = await withRequestLog(req, () => handle(req, context));
    // Latency per route template (ids and tokens dropped), for GET /api/metrics.
    metrics().apiDuration.observe(
      {
        route: apiRoute(req.nextUrl.pathname),
        method: req.method,
        status: String(response.status),
      },
      (performance.now() - started) / 1000,
    );
    return response;
  };

  async function handle(req: NextRequest, context: RouteContext<P>): Promise<Response> {
    const locale = resolveLocale({
      cookie: req.cookies.get(LOCALE_COOKIE)?.value,
      acceptLanguage: req.headers.get("accept-language"),
    });
    try {
      const params = context?.params ? await context.params : ({} as P);
      // The staff audit reads who and from where out of this context (lib/staff-audit).
      return await runInRequestContext(req.headers, () => handler({ req, params, locale }));
    } catch (error) {
      return errorResponse(error, locale);
    }
  }
}

export async function errorResponse(
  error: unknown,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Response> {
  const apiError = toApiError(error);
  if (apiError.code === "internal_error") log.error("unhandled error in route", { error });
  else if (apiError.code === "service_unavailable") log.warn("database unavailable");
  const t = await translator(locale, "Errors");
  const { status, message } = ERROR_CODES[apiError.code];
  const body: ErrorBody = { error: { code: apiError.code, message: t(message) } };
  if (apiError.issues?.length) {
    // Latchkey's own issue messages are keys of Errors.issues; zod's are already localized.
    const issueKey = (message: string) => `issues.${message}` as Parameters<typeof t>[0];
    body.error.issues = apiError.issues.map((i) =>
      t.has(issueKey(i.message))
        ? { path: i.path, code: i.message, message: t(issueKey(i.message)) }
        : { path: i.path, message: i.message },
    );
  }
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  const retryAfter = apiError.retryAfterSeconds ?? defaultRetryAfter(apiError.code);
  if (retryAfter !== undefined) headers["Retry-After"] = String(retryAfter);
  // RFC 9110 §15.5.2: a 401 names the scheme that would work (API tokens, the visitor's token).
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="latchkey"';
  return NextResponse.json(body, { status, headers });
}

function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  if (error instanceof ZodError)
    return new ApiError("validation_failed", { issues: zodIssues(error) });
  // Callers map the Kisi answers they expect (a refused key) before this point.
  if (isKisiError(error)) return kisiApiError(error);
  // PostgreSQL restarting or unreachable: retry shortly, no bug to report.
  if (isDatabaseUnavailable(error))
    return new ApiError("service_unavailable", { retryAfterSeconds: 5, cause: error });
  return new ApiError("internal_error", { cause: error });
}

export function zodIssues(error: ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

const MAX_JSON_BYTES = 16 * 1024;

/**
 * Reads a JSON body and validates it: 415 unless Content-Type is JSON (which also forces a CORS
 * preflight for cross-site callers), 413 above the cap, 400 for invalid JSON, 422 for a body
 * that does not fit the schema (SECURITY.md B-1).
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
  locale: Locale,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json(\s*;|$)/i.test(type)) throw new ApiError("unsupported_media_type");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError("payload_too_large");
  const text = await readBodyLimited(req, maxBytes);
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", {
      issues: [{ path: "", message: "invalidJson" }],
    });
  }
  return schema.parseAsync(json, { error: zodLocaleError(locale) });
}

/**
 * Reads the body as a stream and stops at `maxBytes`: a chunked request has no Content-Length,
 * and `req.text()` would buffer whatever it is sent.
 */
async function readBodyLimited(req: NextRequest, maxBytes: number): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString("utf8");
}

/** The raw body, cut at `maxBytes` (413), for uploads. */
export async function readBodyBytes(req: NextRequest, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes)
    throw new ApiError("payload_too_large");
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ApiError("payload_too_large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Zod's issue messages in the caller's language (zod ships all of Latchkey's locales). */
export function zodLocaleError(locale: Locale) {
  return z.locales[locale]().localeError;
}
