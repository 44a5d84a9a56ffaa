/**
 * `npm start` — the production server: Next's request handler behind a small Node HTTP server
 * that first passes every request through gateRequest (request-gate.ts): the one trusted client
 * address is set from the socket or the right X-Forwarded-For hop, and malformed URLs are
 * answered 400 with the security headers. `npm run demo` starts the same server.
 *
 * Options: -p/--port (default PORT or 3000), -H/--hostname (default HOSTNAME or 0.0.0.0).
 * Runs under plain tsx, without the react-server condition: Next loads its own React builds.
 * The standalone artifact runs this same file, bundled (scripts/build-standalone.mjs).
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { ConfigError, parseConfig } from "@/lib/config/parse-config";
import { timePageRequest } from "@/lib/metrics/registry";
import { markClientAddressTrusted } from "./client-address";
import { gateRequest } from "./request-gate";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", short: "p" },
      hostname: { type: "string", short: "H" },
    },
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";

  let trustedProxyHops: number;
  try {
    trustedProxyHops = parseConfig(process.env).trustedProxyHops;
  } catch (error) {
    if (error instanceof ConfigError) {
      // The same plain message instrumentation.ts prints: read by whoever is deploying.
      process.stderr.write(`\nLatchkey cannot start.\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }

  markClientAddressTrusted();
  applyBuildConfig(process.cwd());
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    if (!gateRequest(req, res, { trustedProxyHops })) return;
    timePageRequest(req.url, res);
    void handle(req, res);
  });
  server.listen(port, hostname, () => {
    process.stdout.write(`Latchkey listening on http://${hostname}:${port}\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; a stop is a stop.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/**
 * Runs Next with the configuration its build was made with, as Next's own standalone server.js
 * does: the standalone artifact has no next.config.ts to load, and with `output: "standalone"`
 * Next would otherwise warn on every start that `next start` does not support it.
 */
function applyBuildConfig(dir: string): void {
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) return;
  const file = path.join(dir, ".next", "required-server-files.json");
  if (!existsSync(file)) return; // no build yet: next() says so itself
  const { config } = JSON.parse(readFileSync(file, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
