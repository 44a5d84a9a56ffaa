import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { APP, issueLink } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

/**
 * The studio settings page as a manager of the Demo Studio uses it, on a tablet. Every setting
 * the spec changes is put back at the end (afterAll), so later spec files see the seed.
 */
const SETTINGS = `/dashboard/studios/${DEMO_IDS.studio}/settings`;
const headers = { Origin: APP };
type Settings = {
  branding: Record<string, unknown> & { primaryColor: string; accentColor: string };
  geofence: Record<string, unknown>;
  kisi: { keyLast4: string };
};
let seeded: Settings;

test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const res = await context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers,
    data: { email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage(), api: context.request };
}

/**
 * Legacy mode: the page holds a sandboxed, script-less frame (the email preview) that axe cannot
 * enter, and its frame-merging run needs a second tab. The frame element itself is still checked.
 */

async function restore(api: APIRequestContext) {
  const { palette: _p, contrast: _c, logoUrl: _l, ...branding } = seeded.branding;
  const res = await api.patch(`${APP}/api/studios/${DEMO_IDS.studio}`, {
    headers,
    data: { branding, geofence: seeded.geofence },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test.beforeAll(async ({ browser }) => {
  const { context, api } = await signedIn(browser, DEMO_STAFF.manager.email);
  seeded = (await (await api.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json()) as Settings;
  await context.close();
});

test.afterAll(async ({ browser }) => {
  const { context, api } = await signedIn(browser, DEMO_STAFF.manager.email);
  await restore(api);
  await context.close();
});

test("a manager's new primary colour shows its contrast, updates both previews, and reaches the guest page", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page, api } = await signedIn(browser, DEMO_STAFF.manager.email);
  await page.goto(`${SETTINGS}?section=branding`);
  await expect(page.getByRole("heading", { name: "Branding" })).toBeVisible();
  await expect(page.getByTitle("Preview of the guest email")).toBeVisible();
  await expectNoA11yViolations(page, { legacyMode: true });

  const primary = page.getByLabel("Primary colour", { exact: true });
  await primary.fill("#0b5d3b");
  const check = page.getByTestId("settings-primary-contrast");
  await expect(check).toContainText("Text on it: white (#ffffff)");
  await expect(check).toContainText("AA pass");
  await expect(page.getByTestId("guest-preview")).toHaveAttribute("data-primary", "#0b5d3b");
  await expect(page.getByTestId("guest-preview").getByText("Front door")).toHaveCSS(
    "background-color",
    "rgb(11, 93, 59)",
  );
  const email = page.getByTitle("Preview of the guest email");
  await expect(email).toHaveAttribute("srcdoc", /background-color:#0b5d3b/);
  // The email's inline styles apply inside the sandboxed frame (the page's CSP allows them).
  await expect(email.contentFrame().getByRole("link", { name: "Open your doors" })).toHaveCSS(
    "background-color",
    "rgb(11, 93, 59)",
  );

  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(
    page.locator("#branding-heading ~ div").getByRole("status").filter({ hasText: "Saved." }),
  ).toBeVisible();

  const link = await issueLink(api, { name: "Settings Guest" });
  const guest = await context.newPage();
  await guest.goto(link.url);
  await expect(guest.locator("header").first()).toHaveCSS("background-color", "rgb(11, 93, 59)");
  await guest.close();

  // A mid-grey reaches AA with neither white nor dark text: the derived text colour is shown,
  // and the fill guests will see instead.
  await primary.fill("#808080");
  await expect(check).toContainText("Text on it: dark (#111827)");
  await expect(check).toContainText("Below AA");
  await expect(check).toContainText("Guests see it adjusted to #");
  const shown = await page.getByTestId("guest-preview").getAttribute("data-primary");
  expect(shown).not.toBe("#808080");
  await expect(page.getByTestId("guest-preview")).toHaveAttribute("data-on-primary", "#111827");
  await context.close();
});

test("a manager sees the Kisi connection read-only: no key field, the group not changeable", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, DEMO_STAFF.manager.email);
  await page.goto(`${SETTINGS}?section=kisi`);
  await expect(page.getByTestId("kisi-key-status")).toContainText(
    `ending in ${DEMO_SEED.apiKey.slice(-4)}`,
  );
  await expect(page.getByTestId("kisi-owner-only")).toContainText("Only the organization's owners");
  await expect(page.getByLabel("New Kisi API key")).toHaveCount(0);
  await expect(page.getByLabel("Kisi group")).toBeDisabled();
  await expect(page.getByLabel("Kisi group")).toHaveValue(String(DEMO_SEED.groupId));
  await expect(page.getByRole("button", { name: "Save group" })).toHaveCount(0);
  await context.close();
});

test("a Kisi key the emulator refuses is rejected with a clear message and the old key stays", async ({
  browser,
}) => {
  // Owners only: the key decides which doors guests can reach.
  const { context, page, api } = await signedIn(browser, DEMO_ACCOUNT.email);
  await page.goto(`${SETTINGS}?section=kisi`);
  const last4 = DEMO_SEED.apiKey.slice(-4);
  await expect(page.getByTestId("kisi-key-status")).toContainText(`ending in ${last4}`);
  const key = page.getByLabel("New Kisi API key");
  await expect(key).toHaveValue("");
  await expect(key).toHaveAttribute("autocomplete", "off");
  await key.fill("kisi-not-a-real-key-123456789");
  await page.getByRole("button", { name: "Verify and save key" }).click();
  await expect(page.getByText("Kisi did not accept this API key.", { exact: false })).toBeVisible();
  await expect(key).toHaveValue("");
  const after = (await (await api.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json()) as Settings;
  expect(after.kisi.keyLast4).toBe(last4);
  await page.reload();
  await expect(page.getByTestId("kisi-key-status")).toContainText(`ending in ${last4}`);
  // The groups the stored key sees are still offered.
  await expect(page.getByLabel("Kisi group")).toHaveValue(String(DEMO_SEED.groupId));
  await context.close();
});

test("enabling the geofence makes the guest page ask for the location", async ({ browser }) => {
  const { context, page, api } = await signedIn(browser, DEMO_STAFF.manager.email);
  await page.goto(`${SETTINGS}?section=geofence`);
  await page.getByLabel("Require guests to be near the studio").check();
  await page.getByRole("button", { name: "Use the Kisi place's location" }).click();
  // Rounded to six decimals (about 10 cm), shown as the number it is: no trailing zeros.
  await expect(page.getByLabel("Latitude", { exact: true }).first()).toHaveValue(
    String(Number(DEMO_SEED.latitude.toFixed(6))),
  );
  await page.getByLabel("Radius (m)").first().fill("5");
  await page.getByRole("button", { name: "Save geofence" }).click();
  // The API's issue is shown beside the field.
  await expect(page.locator("#settings-radius-error")).toBeVisible();
  await expect(page.getByLabel("Radius (m)").first()).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Radius (m)").first().fill("150");
  await page.getByRole("button", { name: "Save geofence" }).click();
  await expect(
    page.locator("#geofence-heading ~ div").getByRole("status").filter({ hasText: "Saved." }),
  ).toBeVisible();
  // The doors of the group, each with its override, on their own tab.
  await page.getByRole("tab", { name: "Doors" }).click();
  await expect(page.getByRole("button", { name: "Save Front door" })).toBeVisible();

  const guest = await context.newPage();
  await guest.goto((await issueLink(api, { name: "Fenced Guest" })).url);
  await expect(guest.getByTestId("location-card")).toContainText(
    "Your first tap asks for your location",
  );
  await expect(guest.getByRole("button", { name: "Front door" })).toContainText(
    "Tap to share your location and open",
  );
  await guest.close();
  await restore(api);
  await context.close();
});

test("an owner moving the studio onto a group whose doors a fenced studio shares is warned, with the fence that applies", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page, api } = await signedIn(browser, DEMO_ACCOUNT.email);
  try {
    await page.goto(`${SETTINGS}?section=doors`);
    const warning = page.getByTestId("shared-doors-warning");
    // On its own group the Demo Studio shares no door (once its doors have loaded): a spec that
    // left another studio on this group would show here, not as a puzzle further down.
    await expect(page.getByRole("button", { name: "Save Studio 1" })).toBeVisible();
    await expect(warning).toHaveCount(0);
    // The climbing studio (geofenced, 100 m) holds these doors; the Demo Studio has no fence.
    await page.getByRole("tab", { name: "Kisi connection" }).click();
    await page.getByLabel("Kisi group").selectOption(String(DEMO_SEED.climbingGroupId));
    await page.getByRole("button", { name: "Save group" }).click();
    await page.getByRole("tab", { name: "Doors" }).click();
    await expect(
      warning.getByRole("heading", { name: "Doors shared with other studios" }),
    ).toBeVisible();
    // Each of the climbing studio's doors is listed once, with both fences.
    for (const name of ["Bouldering hall", "Front door"]) {
      const door = warning.getByRole("listitem").filter({ hasText: name });
      await expect(door).toHaveCount(1);
      await expect(door).toContainText(
        "Also a door of: Latchkey Climbing (geofenced) (geofence 100 m",
      );
      await expect(door).toContainText("Applies to every guest of this door: geofence 100 m");
    }
    await expectNoA11yViolations(page, { legacyMode: true });
    for (const [device, viewport] of [
      ["phone", { width: 390, height: 844 }],
      ["laptop", { width: 1366, height: 900 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await warning.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/settings/shared-doors-${device}.png` });
    }
    // Back on its own group, nothing is shared and the warning goes.
    await page.getByRole("tab", { name: "Kisi connection" }).click();
    await page.getByLabel("Kisi group").selectOption(String(DEMO_SEED.groupId));
    await page.getByRole("button", { name: "Save group" }).click();
    await page.getByRole("tab", { name: "Doors" }).click();
    await expect(page.getByRole("button", { name: "Save Studio 1" })).toBeVisible();
    await expect(warning).toHaveCount(0);
  } finally {
    const res = await api.patch(`${APP}/api/studios/${DEMO_IDS.studio}`, {
      headers,
      data: { kisiGroupId: DEMO_SEED.groupId },
    });
    expect(res.status(), await res.text()).toBe(200);
    await context.close();
  }
});

test("front desk has no Settings tab and gets a 404 on the settings URL", async ({ browser }) => {
  const { context, page } = await signedIn(browser, DEMO_STAFF.frontDesk.email);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}`);
  const nav = page.getByRole("navigation", { name: /studio/i });
  await expect(nav.getByRole("link", { name: "Links" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  const res = await page.goto(SETTINGS);
  expect(res?.status()).toBe(404);
  const api = await context.request.post(`${APP}/api/studios/${DEMO_IDS.studio}/email-preview`, {
    headers,
    data: { primaryColor: "#000000", accentColor: "#ffffff" },
  });
  expect(api.status()).toBe(403);
  await context.close();
});
