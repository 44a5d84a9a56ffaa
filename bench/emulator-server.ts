/**
 * The Kisi emulator on its own, without its 5 requests/s limit, for the "Kisi round trip alone"
 * baseline of `npm run bench` (a limited emulator would answer 429 to a load generator).
 *   tsx bench/emulator-server.ts --port 3012
 */
import { parseArgs } from "node:util";
import { startKisiEmulator } from "@/lib/kisi/emulator";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" } } });
  const emulator = await startKisiEmulator({
    port: Number(values.port ?? 0),
    seed: "demo",
    rateLimitPerSecond: 1_000_000,
  });
  console.log(`ready ${emulator.url}`);
  const stop = () => void emulator.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
