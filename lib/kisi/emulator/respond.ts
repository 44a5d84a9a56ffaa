import type { IncomingMessage, ServerResponse } from "node:http";
import { KISI_ERRORS } from "./errors";
import type { FaultAction } from "./types";

/** Kisi is JSON only; Rails sends the charset along. */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Writes a reply; a string body is sent verbatim, anything else as JSON. */
export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload = "";
  if (reply.body !== undefined && reply.status !== 204) {
    payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    const hasType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
    if (!hasType) headers["Content-Type"] = JSON_CONTENT_TYPE;
  }
  if (reply.status !== 204) headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(reply.status === 204 ? undefined : payload);
}

export function tooManyRequests(retryAfter: number | null): Reply {
  const spec = KISI_ERRORS.tooManyRequests;
  return {
    status: spec.status,
    body: { code: spec.code, error: spec.error },
    headers: retryAfter === null ? {} : { "Retry-After": String(retryAfter) },
  };
}

/** The reply a replacing fault produces; `null` for faults that never answer. */
export function faultReply(action: FaultAction, defaultRetryAfter: number | null): Reply | null {
  switch (action.kind) {
    case "status":
      return {
        status: action.status,
        body: action.body ?? {
          code: KISI_ERRORS.unexpected.code,
          error: KISI_ERRORS.unexpected.error,
        },
        headers: action.headers,
      };
    case "rate_limit":
      return tooManyRequests(
        action.retryAfter === undefined ? defaultRetryAfter : action.retryAfter,
      );
    case "malformed":
      return {
        status: 200,
        body: action.body ?? '{"message":"Unl',
        headers: { "Content-Type": action.contentType ?? JSON_CONTENT_TYPE },
      };
    case "redirect":
      return { status: action.status ?? 302, headers: { Location: action.location } };
    default:
      return null;
  }
}
