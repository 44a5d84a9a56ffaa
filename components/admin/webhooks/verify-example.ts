/**
 * The receiver the Webhooks tab shows to copy: TypeScript with the `standardwebhooks` package,
 * verifying against the raw body. Static text, the same for every studio: the secret comes from
 * the receiver's environment, never from this page.
 */
export const VERIFY_EXAMPLE = `import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

// The endpoint's signing secret ("whsec_…"), kept in your environment.
const webhook = new Webhook(process.env.LATCHKEY_WEBHOOK_SECRET!);

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    try {
      // Throws on a bad signature or a timestamp more than 5 minutes off.
      const event = webhook.verify(
        Buffer.concat(chunks).toString("utf8"),
        req.headers as Record<string, string>,
      ) as { type: string; data: { link?: { externalRef: string | null } } };
      // Deliveries can repeat: skip a webhook-id you have already handled.
      if (event.type === "visit.started") {
        // Check the booking in: event.data.link?.externalRef
      }
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
}).listen(8080);
`;
