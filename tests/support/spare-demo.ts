import { rmSync } from "node:fs";
import { SPARE_PORT } from "../../playwright.config";
import { startProcess, waitForHttp, type Proc } from "./processes";

/**
 * `npm run demo` of its own on the spare port (its Kisi emulator on the port after), with its own
 * data folder, for specs that must not touch the shared demo's people or settings. Call `stop`
 * in afterAll: it ends the demo and removes its data. `host: "localhost"` serves it as
 * http://localhost:<port> (passkeys need a host name, not an IP address).
 */
export async function startSpareDemo(
  dataDir: string,
  env: Record<string, string> = {},
  { host = "127.0.0.1" }: { host?: "127.0.0.1" | "localhost" } = {},
) {
  rmSync(dataDir, { recursive: true, force: true });
  const demo: Proc = startProcess(
    "npm",
    [
      "run",
      "demo",
      "--",
      "--port",
      String(SPARE_PORT),
      "--kisi-port",
      String(SPARE_PORT + 1),
      "--host",
      host,
    ],
    { LATCHKEY_DATA_DIR: dataDir, ...env },
  );
  const origin = `http://${host}:${SPARE_PORT}`;
  await waitForHttp(`http://127.0.0.1:${SPARE_PORT}/api/health`, demo, 200_000);
  return {
    origin,
    stop: async () => {
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
