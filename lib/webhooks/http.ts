import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookTarget } from "./ssrf";

export type PostLimits = {
  /** Until the TCP (and TLS) connection is up. */
  connectTimeoutMs: number;
  /** From the request sent to the whole (capped) response read. */
  responseTimeoutMs: number;
  /** Response bytes read at most; the rest is dropped with the connection. */
  maxResponseBytes: number;
};

export const DEFAULT_POST_LIMITS: PostLimits = {
  connectTimeoutMs: 5_000,
  responseTimeoutMs: 15_000,
  maxResponseBytes: 16 * 1024,
};

export type PostResult = { status: number; durationMs: number; bodyBytes: number };

export class WebhookPostError extends Error {
  constructor(
    readonly reason: "connect_timeout" | "response_timeout" | "network",
    message: string,
  ) {
    super(message);
    this.name = "WebhookPostError";
  }
}

/**
 * POSTs to a checked target, connecting to the address the SSRF guard approved (the `lookup`
 * answers only that address, so DNS is not asked again and cannot answer differently; TLS still
 * verifies the certificate for the URL's host name). Redirects are never followed: node's
 * client does not, and a 3xx counts as a failed attempt like any other non-2xx. The response
 * body is read up to a cap and otherwise ignored.
 */
export function postPinned(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  limits: PostLimits = DEFAULT_POST_LIMITS,
): Promise<PostResult> {
  const started = performance.now();
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      fn();
    };
    const req = client.request(target.url, {
      method: "POST",
      lookup: pinned,
      agent: false,
      headers: {
        ...headers,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "Latchkey-Webhooks/1",
      },
    });
    const fail = (reason: WebhookPostError["reason"], message: string) =>
      finish(() => {
        req.destroy();
        reject(new WebhookPostError(reason, message));
      });
    const connectTimer = setTimeout(
      () => fail("connect_timeout", "connection timed out"),
      limits.connectTimeoutMs,
    );
    let responseTimer: ReturnType<typeof setTimeout> | undefined;
    req.on("socket", (socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        responseTimer = setTimeout(
          () => fail("response_timeout", "no complete response in time"),
          limits.responseTimeoutMs,
        );
      };
      socket.once(target.url.protocol === "https:" ? "secureConnect" : "connect", connected);
    });
    req.on("error", (error) => fail("network", error.message));
    req.on("response", (res) => {
      let bytes = 0;
      const done = () =>
        finish(() => {
          res.destroy();
          resolve({
            status: res.statusCode ?? 0,
            durationMs: Math.round(performance.now() - started),
            bodyBytes: bytes,
          });
        });
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes >= limits.maxResponseBytes) done();
      });
      res.on("end", done);
      res.on("error", (error) => fail("network", error.message));
    });
    req.end(body);
  });
}
