import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { SERVER_LOG } from "../../playwright.config";
import {
  APP,
  DEMO_IDS,
  issueLink,
  issuedTokens,
  kisi,
  revokeLink,
  signIn,
} from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

const [FRONT_DOOR, STUDIO_1, LOCKER_ROOM] = DEMO_SEED.guestLockIds as [number, number, number];
/** The geofenced studio's own front door (its group's doors are its own). */
const FENCED_FRONT_DOOR = DEMO_SEED.climbingLockIds[0]!;
const AT_STUDIO = {
  latitude: DEMO_SEED.latitude + 0.0001,
  longitude: DEMO_SEED.longitude,
  accuracy: 12,
};
const IN_PARIS = { latitude: 48.8566, longitude: 2.3522, accuracy: 12 };

let api: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  api = await playwright.request.newContext();
  await signIn(api);
});
test.afterAll(() => api.dispose());
test.beforeEach(async () => {
  await kisi.clearFaults(api);
  for (const id of DEMO_SEED.guestLockIds)
    await kisi.setLock(api, id, { online: true, locked_down: false });
});

const door = (page: Page, name: string) => page.getByRole("button", { name, exact: false });

test.describe("an active link", () => {
  test("opens a door with one tap: one Kisi unlock, with KISI-GROUP-LINK and that link's secret", async ({
    page,
  }) => {
    const link = await issueLink(api);
    await kisi.clearRequests(api);
    await page.goto(link.url);
    // The studio's name is the page's heading; the guest is greeted below it.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Latchkey Demo Studio");
    await expect(page.getByText("Hi Jane Guest")).toBeVisible();
    await expectNoA11yViolations(page);

    await door(page, "Front door").click();
    await expect(door(page, "Front door")).toContainText("Open — go ahead");
    await expect(page.locator("p[aria-live=assertive]")).toHaveText(
      "Front door is open. Go ahead.",
    );

    const unlocks = await kisi.unlocks(api);
    const kisiLink = await kisi.groupLinkFor(api, link.id);
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]?.path).toBe(`/locks/${FRONT_DOOR}/unlock`);
    expect(unlocks[0]?.headers.authorization).toBe(`KISI-GROUP-LINK ${kisiLink.secret}`);
  });

  test("a double tap costs one Kisi call, and so do two simultaneous requests", async ({
    page,
  }) => {
    const link = await issueLink(api);
    await page.goto(link.url);
    await kisi.clearRequests(api);
    await door(page, "Studio 1").dblclick();
    await expect(door(page, "Studio 1")).toContainText("Open — go ahead");
    const statuses = await page.evaluate(async (token) => {
      const post = () =>
        fetch("/api/access/doors/5003/unlock", {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: "{}",
        }).then((r) => r.status);
      return Promise.all([post(), post()]);
    }, link.token);
    expect(statuses).toEqual([200, 200]);
    expect(await kisi.unlocks(api, STUDIO_1)).toHaveLength(1);
    expect(await kisi.unlocks(api, LOCKER_ROOM)).toHaveLength(1);
  });

  test("shows an offline door and a locked-down door as such, and cannot tap them", async ({
    page,
  }) => {
    await kisi.setLock(api, STUDIO_1, { online: false });
    await kisi.setLock(api, LOCKER_ROOM, { locked_down: true });
    await page.goto((await issueLink(api)).url);
    await expect(door(page, "Studio 1")).toContainText("Door offline");
    await expect(door(page, "Studio 1")).toBeDisabled();
    await expect(door(page, "Locker room")).toContainText("Locked down by the studio");
    await expect(door(page, "Locker room")).toBeDisabled();
    await expect(door(page, "Front door")).toBeEnabled();
    await expectNoA11yViolations(page);
  });

  test("tells the guest when the door system is unreachable, and recovers on retry", async ({
    page,
  }) => {
    const link = await issueLink(api);
    await kisi.fault(api, {
      method: "GET",
      path: "/locks",
      action: { kind: "status", status: 503 },
    });
    await page.goto(link.url);
    await expect(page.getByTestId("system-status")).toContainText(
      "The door system isn't answering",
    );
    await expect(page.getByTestId("last-tried")).toContainText("Last tried at");
    await expectNoA11yViolations(page);
    await kisi.clearFaults(api);
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(door(page, "Front door")).toBeEnabled();
    await expect(page.getByTestId("system-status")).toHaveCount(0);
  });

  test("Kisi's answer at the tap reaches the guest as its own message (mapped across route bundles)", async ({
    page,
  }) => {
    const link = await issueLink(api);
    await page.goto(link.url);
    // Door lists and unlocks run in different routes: the error must survive that boundary.
    await kisi.fault(api, {
      method: "POST",
      path: "/locks/:id/unlock",
      action: {
        kind: "status",
        status: 403,
        body: { code: "fad001", error: "The door is currently locked down." },
      },
    });
    await door(page, "Front door").click();
    await expect(door(page, "Front door")).toContainText("This door is locked down by the studio.");
    await kisi.clearFaults(api);
    await kisi.fault(api, {
      method: "POST",
      path: "/locks/:id/unlock",
      action: {
        kind: "status",
        status: 401,
        body: { code: "f299ef", error: "Your link is invalid." },
      },
    });
    await door(page, "Studio 1").click();
    await expect(page.getByRole("heading", { name: "This link was cancelled" })).toBeVisible();
  });

  test("says when the phone is offline and keeps the doors shut until it is back", async ({
    page,
    context,
  }) => {
    await page.goto((await issueLink(api)).url);
    await expect(door(page, "Front door")).toBeEnabled();
    await context.setOffline(true);
    await expect(page.getByRole("status").filter({ hasText: "You are offline" })).toBeVisible();
    await expect(door(page, "Front door")).toBeDisabled();
    await context.setOffline(false);
    await expect(door(page, "Front door")).toBeEnabled();
  });
});

test.describe("the link's lifecycle", () => {
  test("scheduled: counts down and enables the doors on time, without a reload", async ({
    page,
  }) => {
    // An active link first, so this instance has seen the group's doors (Kisi lists none
    // before a link's window opens): the scheduled page then shows them, not yet tappable.
    await page.goto((await issueLink(api)).url);
    await expect(door(page, "Front door")).toBeEnabled();
    const link = await issueLink(api, { fromInS: 6 });
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(link.url);
    await expect(page.getByRole("heading", { name: "Your access starts soon" })).toBeVisible();
    await expect(page.getByRole("timer")).toContainText(/Starts in 00:00:0\d/);
    await expect(door(page, "Front door")).toBeDisabled();
    await expect(door(page, "Front door")).toContainText("Opens in 1 min");
    await expect(page.getByRole("link", { name: "Add to calendar" })).toBeVisible();
    await expectNoA11yViolations(page);
    await expect(door(page, "Front door")).toBeEnabled({ timeout: 15_000 });
    expect(loads).toBe(1);
  });

  test("expired: says so in the studio's branding, with its contact", async ({ page }) => {
    const link = await issueLink(api, { untilInS: 2 });
    await page.waitForTimeout(2_500);
    await page.goto(link.url);
    await expect(page.getByRole("heading", { name: "This access has ended" })).toBeVisible();
    await expect(page.getByText("Contact Latchkey Demo Studio")).toBeVisible();
    await expect(page.getByRole("link", { name: "Call +49 30 1234567" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Email frontdesk@latchkey.test" })).toBeVisible();
    await expect(door(page, "Front door")).toHaveCount(0);
    await expectNoA11yViolations(page);
  });

  test("revoked: the page says so at once and Kisi's link is deleted", async ({ page }) => {
    const link = await issueLink(api);
    const kisiLink = await kisi.groupLinkFor(api, link.id);
    await revokeLink(api, link.id);
    await page.goto(link.url);
    await expect(page.getByRole("heading", { name: "This link was cancelled" })).toBeVisible();
    await expectNoA11yViolations(page);
    const deletes = (await kisi.requests(api)).filter(
      (r) => r.method === "DELETE" && r.path === `/group_links/${kisiLink.id}`,
    );
    expect(deletes.map((d) => d.status)).toEqual([204]);
  });

  test("an open page learns of a revocation on the next tap", async ({ page }) => {
    const link = await issueLink(api);
    await page.goto(link.url);
    await revokeLink(api, link.id);
    await door(page, "Front door").click();
    await expect(page.getByRole("heading", { name: "This link was cancelled" })).toBeVisible();
  });

  test("unknown and malformed tokens get the same plain not-found page", async ({ request }) => {
    // The nonce differs per response and the router state echoes the requested path back.
    const pages = [];
    for (const token of ["A".repeat(43), "B".repeat(43), "short", "..%2F..%2Fetc"]) {
      const res = await request.get(`${APP}/access/${token}`);
      expect(res.status()).toBe(404);
      const nonce =
        /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1] ?? "none";
      pages.push((await res.text()).replaceAll(nonce, "NONCE").replaceAll(token, "TOKEN"));
    }
    expect(new Set(pages.slice(0, 2)).size).toBe(1);
    expect(pages[0]).toContain("Open the full link from your email");
    expect(pages[0]).not.toContain("Latchkey Demo Studio");
  });

  test("an unknown token's page speaks the visitor's language, as every other token's does", async ({
    browser,
  }) => {
    // Its language is the phone's, never a link's: the page must not tell tokens apart.
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    const res = await page.goto(`${APP}/access/${"C".repeat(43)}`);
    expect(res?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Dieser Link funktioniert nicht",
    );
    await context.close();
  });
});

test.describe("geofence", () => {
  test("at the studio: one tap asks for the location and opens, and the card says so", async ({
    browser,
  }) => {
    // No permission yet: the page explains in one line, the first door tap asks, then opens.
    const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
    const page = await context.newPage();
    await page.goto((await issueLink(api, { studio: DEMO_IDS.geofencedStudio })).url);
    await expect(page.getByTestId("location-card")).toContainText(
      "Your first tap asks for your location",
    );
    await expect(door(page, "Front door")).toContainText("Tap to share your location and open");
    await expectNoA11yViolations(page);
    await kisi.clearRequests(api);
    await context.setGeolocation(AT_STUDIO);
    await context.grantPermissions(["geolocation"]);
    await door(page, "Front door").click();
    await expect(door(page, "Front door")).toContainText("Open — go ahead");
    await expect(page.getByTestId("location-card")).toContainText(/You're at the studio \(\d+ m\)/);
    const [unlock] = await kisi.unlocks(api, FENCED_FRONT_DOOR);
    expect(unlock?.body).toEqual({
      context: { location: { latitude: AT_STUDIO.latitude, longitude: AT_STUDIO.longitude } },
    });
    await context.close();
  });

  test("far away: says how far without a tap, and the doors cannot be tapped", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      geolocation: IN_PARIS,
      permissions: ["geolocation"],
    });
    const page = await context.newPage();
    await kisi.clearRequests(api);
    await page.goto((await issueLink(api, { studio: DEMO_IDS.geofencedStudio })).url);
    await expect(page.getByTestId("location-card")).toContainText(/You're [\d,.]+ km away/);
    await expect(door(page, "Front door")).toContainText(/Too far — [\d,.]+ km/);
    await expect(door(page, "Front door")).toBeDisabled();
    expect(await kisi.unlocks(api)).toHaveLength(0);
    await context.close();
  });

  test("an approximate location gets concrete help for this phone, the other folded away", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      geolocation: { ...AT_STUDIO, accuracy: 1_500 },
      permissions: ["geolocation"],
      userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/130 Mobile",
    });
    const page = await context.newPage();
    await page.goto((await issueLink(api, { studio: DEMO_IDS.geofencedStudio })).url);
    await expect(page.getByText(/only an approximate location/)).toBeVisible();
    await expect(page.getByText(/Use precise location/)).toBeVisible();
    await expect(page.getByText(/Precise Location/)).toBeHidden();
    await page.getByText("Help for other phones").click();
    await expect(page.getByText(/Precise Location/)).toBeVisible();
    await expect(door(page, "Front door")).toContainText("Location too imprecise (±1.5 km)");
    await expectNoA11yViolations(page);
    await context.close();
  });

  test("a denied permission gets concrete help, and the doors stay shut", async ({ browser }) => {
    const context = await browser.newContext({
      permissions: [],
      userAgent:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    });
    const page = await context.newPage();
    await page.goto((await issueLink(api, { studio: DEMO_IDS.geofencedStudio })).url);
    await kisi.clearRequests(api);
    // Where the browser already reports the permission as denied, the page says so once its
    // permission query answers (the door turns disabled then, so a click decided on an earlier
    // look could wait forever); otherwise the first tap asks, and the refusal shows the same help.
    await expect(async () => {
      const front = door(page, "Front door");
      if (await front.isEnabled()) await front.click({ timeout: 1_000 });
      await expect(page.getByText("Location is blocked for this page")).toBeVisible({
        timeout: 1_000,
      });
    }).toPass();
    await expect(page.getByTestId("location-card")).toHaveAttribute("data-tone", "error");
    await expect(page.getByText(/Safari Websites/)).toBeVisible();
    await expect(door(page, "Front door")).toContainText("Location blocked");
    await expect(door(page, "Front door")).toBeDisabled();
    expect(await kisi.unlocks(api)).toHaveLength(0);
    await expectNoA11yViolations(page);
    await context.close();
  });

  const direct = (token: string, body: object, origin = APP) =>
    api.post(`${APP}/api/access/doors/${FENCED_FRONT_DOOR}/unlock`, {
      headers: { Authorization: `Bearer ${token}`, Origin: origin },
      data: body,
    });

  test("a direct API call with far coordinates → too_far, and no Kisi call", async () => {
    const { token } = await issueLink(api, { studio: DEMO_IDS.geofencedStudio });
    await kisi.clearRequests(api);
    const res = await direct(token, { ...IN_PARIS, capturedAt: new Date().toISOString() });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("too_far");
    expect(await kisi.unlocks(api)).toHaveLength(0);
  });

  const refusals = [
    ["no position", {}, 403, "location_required"],
    [
      "a stale fix",
      { ...AT_STUDIO, capturedAt: new Date(Date.now() - 5 * 60_000).toISOString() },
      403,
      "location_stale",
    ],
    [
      "an imprecise fix",
      { ...AT_STUDIO, accuracy: 900, capturedAt: new Date().toISOString() },
      403,
      "location_imprecise",
    ],
    ["a latitude of 91", { ...AT_STUDIO, latitude: 91 }, 422, "validation_failed"],
  ] as const;
  for (const [label, body, status, code] of refusals) {
    test(`a direct API call with ${label} → ${code}`, async () => {
      const { token } = await issueLink(api, { studio: DEMO_IDS.geofencedStudio });
      await kisi.clearRequests(api);
      const res = await direct(token, body);
      expect(res.status()).toBe(status);
      expect((await res.json()).error.code).toBe(code);
      expect(await kisi.unlocks(api)).toHaveLength(0);
    });
  }

  test("cross-site calls are refused, Origin: null included", async () => {
    const { token } = await issueLink(api);
    for (const origin of ["https://evil.example", "null"]) {
      const res = await direct(token, {}, origin);
      expect(res.status()).toBe(403);
    }
    expect(await kisi.unlocks(api)).toHaveLength(0);
  });
});

test("a mail scanner opening the link changes nothing", async ({ request }) => {
  const link = await issueLink(api);
  await kisi.clearRequests(api);
  const scanner = {
    "User-Agent": "Mozilla/5.0 (compatible; SafeLinks; +https://example.invalid/scanner)",
  };
  expect((await request.get(link.url, { headers: scanner })).status()).toBe(200);
  expect((await request.head(link.url, { headers: scanner })).status()).toBe(200);
  expect((await request.get(link.url, { headers: { ...scanner, RSC: "1" } })).status()).toBe(200);
  expect(
    (
      await request.get(`${APP}/api/access/doors`, {
        headers: { Authorization: `Bearer ${link.token}` },
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await request.get(`${APP}/api/access/doors/${FRONT_DOOR}/unlock`, {
        headers: { Authorization: `Bearer ${link.token}` },
      })
    ).status(),
  ).toBe(405);
  expect(await kisi.unlocks(api)).toHaveLength(0);
});

test("the page speaks the link's language", async ({ browser }) => {
  const cases = [
    ["fr", "Bonjour Jane Guest", "Touchez pour ouvrir"],
    ["de", "Hallo Jane Guest", "Zum Öffnen tippen"],
    ["nl", "Hoi Jane Guest", "Tik om te openen"],
    ["es", "Hola, Jane Guest", "Toca para abrir"],
  ] as const;
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  for (const [locale, greeting, doors] of cases) {
    await page.goto((await issueLink(api, { locale })).url);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByText(greeting)).toBeVisible();
    await expect(door(page, "Front door")).toContainText(doors);
  }
  await context.close();
});

test("headers: no referrer, no caching, no indexing, a fresh CSP nonce, and no third-party request", async ({
  page,
  request,
}) => {
  const link = await issueLink(api);
  const first = await request.get(link.url);
  const second = await request.get(link.url);
  const h = first.headers();
  expect(h["referrer-policy"]).toBe("no-referrer");
  expect(h["cache-control"]).toContain("no-store");
  expect(h["x-robots-tag"]).toBe("noindex, nofollow");
  expect(h["permissions-policy"]).toContain("geolocation=(self)");
  const csp =
    /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/=]{20,})' 'strict-dynamic'; style-src 'self' 'nonce-\1';.* object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'$/;
  expect(h["content-security-policy"]).toMatch(csp);
  expect(second.headers()["content-security-policy"]).toMatch(csp);
  expect(second.headers()["content-security-policy"]).not.toBe(h["content-security-policy"]);

  const api1 = await request.get(`${APP}/api/access/doors`, {
    headers: { Authorization: `Bearer ${link.token}` },
  });
  expect(api1.headers()).toMatchObject({
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  });

  const foreign: string[] = [];
  const violations: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(APP)) foreign.push(r.url());
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await page.goto(link.url);
  await door(page, "Front door").click();
  await expect(door(page, "Front door")).toContainText("Open — go ahead");
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]);
});

test("installable: a per-link manifest in the studio's name and colour", async ({
  page,
  request,
}) => {
  const link = await issueLink(api);
  await page.goto(link.url);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe(`/access/${link.token}/app-manifest`);
  const manifest = await (await request.get(`${APP}${href}`)).json();
  expect(manifest).toMatchObject({
    name: "Latchkey Demo Studio",
    start_url: `/access/${link.token}`,
    scope: `/access/${link.token}`,
    display: "standalone",
    theme_color: "#7c3aed",
  });
  const icon = await request.get(`${APP}${manifest.icons[0].src}`);
  expect(icon.headers()["content-type"]).toBe("image/svg+xml");
  expect(await icon.text()).toContain('fill="#7c3aed"');
});

test("no Kisi secret or API key in any page, RSC payload, API response or header; no token in any log line", async ({
  request,
}) => {
  const link = await issueLink(api);
  const secrets = [(await kisi.groupLinks(api)).map((l) => l.secret), DEMO_SEED.apiKey].flat();
  expect(secrets.length).toBeGreaterThan(2);
  const auth = { Authorization: `Bearer ${link.token}` };
  const responses = [
    await request.get(link.url),
    await request.get(link.url, { headers: { RSC: "1" } }),
    await request.get(`${APP}/api/access/doors`, { headers: auth }),
    await request.get(`${APP}/access/${link.token}/app-manifest`),
    await request.get(`${APP}/access/${link.token}/home-icon`),
    await request.post(`${APP}/api/access/doors/${FRONT_DOOR}/unlock`, {
      headers: { ...auth, Origin: APP },
      data: {},
    }),
    await request.post(`${APP}/api/access/doors/${DEMO_SEED.staffLockId}/unlock`, {
      headers: { ...auth, Origin: APP },
      data: {},
    }),
    await api.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
      headers: { Origin: APP },
      data: {
        name: "Sweep",
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + 60_000).toISOString(),
      },
    }),
  ];
  for (const res of responses) {
    const text = `${JSON.stringify(res.headersArray())}\n${await res.text()}`;
    for (const secret of secrets) expect(text, `${res.url()} leaks a secret`).not.toContain(secret);
  }

  const log = readFileSync(SERVER_LOG, "utf8");
  expect(log).toContain("latchkey ready");
  for (const token of issuedTokens) expect(log).not.toContain(token);
  for (const secret of secrets) expect(log).not.toContain(secret);
});
