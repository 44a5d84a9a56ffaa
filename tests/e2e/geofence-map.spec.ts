import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync } from "node:zlib";
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS } from "../../lib/demo/constants";
import { startSpareDemo } from "../support/spare-demo";
import { expectNoA11yViolations } from "./support/axe";

/**
 * Issue #12 §4: with LATCHKEY_MAP_STYLE_URL set, the geofence centre is dragged on a MapLibre
 * map. Offline: this file serves its own style and a raster tile (a PNG made here) from a local
 * HTTP server, and starts a demo of its own on the spare port with the variable pointing there
 * (the shared demo runs without it, and shows the sketch: dashboard-settings.spec.ts).
 *
 * Headless Chromium gets WebGL from SwiftShader (the flags below; the suite's default launch
 * has --disable-gpu). A browser without WebGL gets the sketch back, tested by taking WebGL away.
 */
const DATA_DIR = "data/e2e-geofence-map";
const TILE_RGB = [0xd8, 0xe8, 0xd0] as const;

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  },
});
test.describe.configure({ mode: "serial" });

/** A one-colour 256×256 PNG: the smallest honest raster tile. */
function tilePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(256).fill(TILE_RGB).flat())]);
  const pixels = deflateSync(Buffer.concat(Array(256).fill(row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

let tiles: Server;
let tileOrigin: string;
const served: string[] = [];
let demo: Awaited<ReturnType<typeof startSpareDemo>>;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const png = tilePng();
  tiles = createServer((req, res) => {
    served.push(req.url ?? "");
    // The dashboard's origin fetches these: CORS, as any tile server answers.
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.url === "/style.json") {
      res.setHeader("Content-Type", "application/json");
      res.end(
        JSON.stringify({
          version: 8,
          sources: {
            raster: {
              type: "raster",
              tiles: [`${tileOrigin}/tiles/{z}/{x}/{y}.png`],
              tileSize: 256,
              attribution: "Test tiles",
            },
          },
          layers: [{ id: "raster", type: "raster", source: "raster" }],
        }),
      );
    } else if (req.url?.startsWith("/tiles/")) {
      res.setHeader("Content-Type", "image/png");
      res.end(png);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => tiles.listen(0, "127.0.0.1", resolve));
  tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
  demo = await startSpareDemo(DATA_DIR, { LATCHKEY_MAP_STYLE_URL: `${tileOrigin}/style.json` });
});

test.afterAll(async () => {
  await demo?.stop();
  await new Promise((resolve) => tiles?.close(resolve));
});

let session: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

async function ownerAt(browser: Browser, options: BrowserContextOptions) {
  const context = await browser.newContext({
    locale: "en-GB",
    ...options,
    ...(session ? { storageState: session } : {}),
  });
  if (!session) {
    const res = await context.request.post(`${demo.origin}/api/auth/sign-in/email`, {
      headers: { Origin: demo.origin },
      data: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
    });
    expect(res.status()).toBe(200);
    session = await context.storageState();
  }
  return { context, page: await context.newPage() };
}

const settingsUrl = () =>
  `${demo.origin}/dashboard/studios/${DEMO_IDS.studio}/settings?section=geofence`;

test("the centre is typed and moved by keys on the map; the pin, the form and the save follow", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await ownerAt(browser, { viewport: { width: 1366, height: 768 } });
  const webgl = await page.evaluate(() =>
    Boolean(document.createElement("canvas").getContext("webgl2")),
  );
  expect(webgl, "headless Chromium with SwiftShader offers WebGL").toBe(true);
  await page.goto(settingsUrl());
  const map = page.getByRole("region", { name: "Map of the geofence" });
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await expect(page.getByRole("img", { name: /Fence of/ })).toHaveCount(0);
  // The style and its tiles came from the configured origin (and nothing else was needed).
  await expect.poll(() => served.filter((u) => u.startsWith("/tiles/")).length).toBeGreaterThan(0);
  expect(served).toContain("/style.json");

  const latitude = page.getByLabel("Latitude", { exact: true });
  const longitude = page.getByLabel("Longitude", { exact: true });
  // Start from a known centre, typed: the pin follows the fields.
  await latitude.fill("52.520000");
  await longitude.fill("13.405000");
  await latitude.blur();
  const pin = page.getByRole("button", { name: /Centre of the geofence/ });
  await expect(pin).toBeVisible();
  await expect(page.getByTestId("save-bar")).toBeVisible();

  // The keyboard path: a focused pin moves 5 m per arrow key, 50 m with Shift.
  await pin.focus();
  await page.keyboard.press("ArrowUp");
  await expect(latitude).toHaveValue("52.520045");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(longitude).toHaveValue("13.405738");

  // Not asserted here: a pointer click or drag on the map (Playwright's mouse did not reach
  // MapLibre's handlers under SwiftShader in this run); the keyboard and the fields are the
  // tested paths.
  const dragged = { lat: 52.520045, lng: 13.405738 };

  await expectNoA11yViolations(page, { legacyMode: true });
  await page.screenshot({ path: "test-results/geofence-map/map-laptop.png" });
  await page.getByRole("button", { name: "Save geofence" }).click();
  await expect(page.getByRole("tabpanel").getByText("Saved.").first()).toBeVisible();
  await expect(page.getByTestId("save-bar")).toHaveCount(0);
  const saved = await (
    await context.request.get(`${demo.origin}/api/studios/${DEMO_IDS.studio}`)
  ).json();
  expect(saved.geofence).toMatchObject({ latitude: dragged.lat, longitude: dragged.lng });
  await context.close();
});

for (const size of [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: "ipad-portrait", viewport: { width: 768, height: 1024 }, hasTouch: true },
]) {
  test(`${size.name}: the map fits the geofence tab`, async ({ browser }) => {
    const { name, ...options } = size;
    const { context, page } = await ownerAt(browser, options);
    await page.goto(settingsUrl());
    const map = page.getByRole("region", { name: "Map of the geofence" });
    await expect(map).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
    const box = (await map.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width);
    await map.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/geofence-map/map-${name}.png`, fullPage: true });
    await context.close();
  });
}

test("without WebGL the map gives way to the sketch, and the fields still set the centre", async ({
  browser,
}) => {
  const { context, page } = await ownerAt(browser, { viewport: { width: 1366, height: 768 } });
  // A browser without WebGL: every WebGL context request fails, as it does there.
  await context.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      if (/webgl/.test(type)) return null;
      return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof original;
  });
  await page.goto(settingsUrl());
  await expect(page.getByTestId("geofence-map-unavailable")).toContainText("needs WebGL");
  await expect(page.getByRole("img", { name: /Fence of/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Map of the geofence" })).toHaveCount(0);
  await page.getByLabel("Latitude", { exact: true }).fill("48.137000");
  await page.getByLabel("Longitude", { exact: true }).fill("11.575000");
  await expect(page.getByTestId("save-bar")).toBeVisible();
  await expectNoA11yViolations(page, { legacyMode: true });
  await context.close();
});
