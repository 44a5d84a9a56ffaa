/**
 * Runs the Kisi emulator as a standalone process (for `npm run dev`, the demo and Playwright).
 *   tsx lib/cli/kisi-emulator.ts [--port 3011] [--host 127.0.0.1] [--seed demo|empty]
 * Never prints keys or link secrets: they are in lib/kisi/emulator/seed.ts for whoever needs them.
 */
import { parseArgs } from "node:util";
import { startKisiEmulator } from "../kisi/emulator";

const DEFAULT_PORT = 3011;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port: ${raw}`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "demo" },
    },
    strict: true,
  });
  const seed = values.seed;
  if (seed !== "demo" && seed !== "empty") throw new Error(`Invalid seed: ${seed}`);
  const port = parsePort(values.port ?? process.env.KISI_EMULATOR_PORT);

  const emulator = await startKisiEmulator({ port, host: values.host, seed });
  console.log(`Kisi emulator listening on ${emulator.url} (seed: ${seed})`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(
    `Kisi emulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
