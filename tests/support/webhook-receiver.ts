import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; path: string };

/**
 * A real HTTP receiver on loopback (node:http), as a booking system would run one: it records
 * every request and answers from `statuses` in turn (then 200), or with `respond` when set.
 */
export async function startWebhookReceiver(port = 0) {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  let respond:
    ((req: ReceivedWebhook) => { status: number; headers?: Record<string, string> }) | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hit = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        path: req.url ?? "",
      };
      received.push(hit);
      const answer = respond?.(hit) ?? { status: statuses.shift() ?? 200 };
      res.writeHead(answer.status, answer.headers).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/hooks`,
    port: actualPort,
    received,
    statuses,
    respondWith(fn: typeof respond) {
      respond = fn;
    },
    /** Each request verified with standardwebhooks against `secret`; returns the parsed bodies. */
    verified(secret: string) {
      const wh = new Webhook(secret);
      return received.map(
        (r) =>
          wh.verify(r.body, r.headers as Record<string, string>) as {
            type: string;
            timestamp: string;
            data: Record<string, unknown>;
          },
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
