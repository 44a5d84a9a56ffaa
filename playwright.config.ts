import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against `npm run demo` itself (the README's first command), on fresh
 * data in data/e2e, with Debian's chromium: Playwright cannot download browsers here.
 * `npm run test:e2e` builds first, so the demo launcher finds a current build.
 */
// Overridable so two checkouts can run their suites side by side on one machine.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const KISI_PORT = Number(process.env.E2E_KISI_PORT ?? 3111);
/** For specs that start a server of their own next to the demo. */
export const SPARE_PORT = Number(process.env.E2E_SPARE_PORT ?? 3190);
export const SERVER_LOG = "data/e2e-server.log";

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: chromium,
    trace: "retain-on-failure",
  },
  projects: [{ name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium } }],
  webServer: {
    // Door lists uncached, so a test's fault on Kisi is seen at once; sign-ins are throttled
    // at 30 a minute rather than 5, since every suite signs someone in (the throttle itself is
    // tested in tests/unit/auth); the test client stands for one proxy that appends to
    // X-Forwarded-For (TRUSTED_PROXY_HOPS=1), so a guessing test can pose as its own client
    // address (client-address.spec.ts runs a demo with nothing in front); every server log line is
    // kept in SERVER_LOG for the test that proves no token ever reaches a log. Shared opening is
    // off: specs count Kisi's unlock calls tap by tap (it is tested in tests/unit/access).
    command: `rm -rf data/e2e ${SERVER_LOG} && mkdir -p data && LATCHKEY_DATA_DIR=data/e2e LATCHKEY_DOOR_CACHE_SECONDS=0 LATCHKEY_SHARED_OPEN_SECONDS=0 AUTH_SIGN_INS_PER_MINUTE=30 LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS=1 TRUSTED_PROXY_HOPS=1 npm run demo -- --port ${APP_PORT} --kisi-port ${KISI_PORT} 2>&1 | tee ${SERVER_LOG}`,
    url: `http://127.0.0.1:${APP_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
  },
});
