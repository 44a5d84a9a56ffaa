import type { z } from "zod";
import { kisiEndpoint, metrics } from "@/lib/metrics/registry";
import { KisiError, isKisiError } from "./errors";
import { parseRetryAfter } from "./retry-policy";
import { kisiErrorBodySchema, kisiValidationBodySchema } from "./schemas";

/** One HTTP exchange with Kisi: no retries, no pacing (see client.ts for those). */
export type KisiExchange<S extends z.ZodType | null> = {
  baseUrl: string;
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  authorization: string;
  body?: unknown;
  /** null: the answer has no body (DELETE → 204). */
  schema: S;
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
};

export type KisiResponse<T> = { data: T; headers: Headers; status: number };

export async function exchange<S extends z.ZodType | null>(
  req: KisiExchange<S>,
): Promise<KisiResponse<S extends z.ZodType ? z.infer<S> : null>> {
  // Every exchange is counted here, the one place that talks HTTP to Kisi: retries and
  // background calls included, by the path's shape only (ids dropped).
  const started = performance.now();
  const count = (status: string) => {
    const m = metrics();
    const endpoint = kisiEndpoint(req.path);
    m.kisiRequests.inc({ endpoint, method: req.method, status });
    m.kisiDuration.observe({ endpoint, method: req.method }, (performance.now() - started) / 1000);
    if (status === "429") m.kisiRateLimited.inc({ endpoint });
  };
  try {
    const res = await send(req);
    count(String(res.status));
    return res;
  } catch (error) {
    const known = isKisiError(error) ? error : null;
    count(
      known?.kind === "http" || known?.kind === "redirect"
        ? String(known.status)
        : (known?.kind ?? "error"),
    );
    throw error;
  }
}

async function send<S extends z.ZodType | null>(
  req: KisiExchange<S>,
): Promise<KisiResponse<S extends z.ZodType ? z.infer<S> : null>> {
  const url = new URL(req.baseUrl + req.path);
  for (const [k, v] of Object.entries(req.query ?? {}))
    if (v !== undefined) url.searchParams.set(k, String(v));
  const what = `${req.method} ${req.path}`;

  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await (req.fetchImpl ?? fetch)(url, {
      method: req.method,
      headers: {
        Accept: "application/json",
        ...(req.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...req.headers,
        Authorization: req.authorization,
      },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      redirect: "manual",
      signal,
      cache: "no-store",
    });
    text = await response.text();
  } catch (error) {
    if (req.signal?.aborted)
      throw new KisiError({ kind: "aborted", message: `${what}: cancelled by the caller` });
    if (timeout.aborted)
      throw new KisiError({
        kind: "timeout",
        message: `${what}: no answer within ${req.timeoutMs} ms`,
      });
    const connected = !isConnectError(error);
    throw new KisiError({
      kind: "network",
      connected,
      message: `${what}: ${connected ? "connection lost before an answer" : "could not connect"}`,
    });
  }

  if (response.status >= 300 && response.status < 400) {
    throw new KisiError({
      kind: "redirect",
      status: response.status,
      message: `${what}: unexpected redirect (${response.status}), not followed`,
    });
  }
  if (!response.ok) throw httpError(what, response, text);

  if (req.schema === null) {
    return { data: null as never, headers: response.headers, status: response.status };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KisiError({
      kind: "malformed",
      status: response.status,
      message: `${what}: answer is not JSON`,
    });
  }
  const parsed = req.schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "body";
    throw new KisiError({
      kind: "malformed",
      status: response.status,
      message: `${what}: answer does not match the documented shape (at ${where})`,
    });
  }
  return { data: parsed.data as never, headers: response.headers, status: response.status };
}

function httpError(what: string, response: Response, text: string): KisiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = kisiErrorBodySchema.safeParse(body);
  const validation = kisiValidationBodySchema.safeParse(body);
  const detail = error.success
    ? ` ${error.data.code} "${error.data.error}"`
    : validation.success
      ? ` ${Object.keys(validation.data.errors).join(", ")} invalid`
      : "";
  return new KisiError({
    kind: "http",
    status: response.status,
    code: error.success ? error.data.code : undefined,
    validationErrors: validation.success ? validation.data.errors : undefined,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    message: `${what}: Kisi answered ${response.status}${detail}`,
  });
}

/** Errors that prove the request never left this machine (safe to retry even an unlock). */
function isConnectError(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH"
  );
}
