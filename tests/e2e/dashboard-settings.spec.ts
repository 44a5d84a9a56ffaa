import {
  devices,
  expect,
  test,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS } from "../../lib/demo/constants";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { APP, accountMenu, issueLink, kisi, ownerContexts, revokeLink } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

/**
 * Issue #12, the settings half: a studio set up from zero to a test link, branding changed with
 * its live previews, the settings tabs by keyboard, the unsaved-changes warning, the language
 * switcher. Each journey at a laptop, an iPad Mini in portrait and landscape, and a phone, with
 * axe on every page and a screenshot of each (test-results/dashboard-settings/, not committed).
 */
test.describe.configure({ mode: "serial" });

const SIZES = [
  { name: "laptop", viewport: { width: 1366, height: 768 }, touch: false },
  { name: "ipad-portrait", viewport: { width: 768, height: 1024 }, touch: true },
  { name: "ipad-landscape", viewport: { width: 1024, height: 768 }, touch: true },
  { name: "phone", viewport: devices["Pixel 7"].viewport, touch: true },
] as const;
type Size = (typeof SIZES)[number];

/**
 * Legacy mode, as the settings spec: the email frames run no scripts, so axe cannot enter them
 * (the email template is checked where it is made); the frame element itself is still checked.
 */

const ownerContext = ownerContexts();

/** The owner at one of the sizes; `fresh`: a sign-in of its own (a second browser of the same person). */
async function ownerAt(
  browser: Browser,
  size: Size,
  { fresh = false, ...options }: { fresh?: boolean } & BrowserContextOptions = {},
) {
  const device = {
    viewport: size.viewport,
    hasTouch: size.touch,
    isMobile: size.name === "phone",
    deviceScaleFactor: size.name === "phone" ? devices["Pixel 7"].deviceScaleFactor : 1,
    ...options,
  };
  const { context, page } = await (fresh ? ownerContexts() : ownerContext)(browser, device);
  return { context, page, api: context.request };
}

const shot = (page: Page, name: string, size: Size) =>
  page.screenshot({ path: `test-results/dashboard-settings/${name}-${size.name}.png` });

for (const size of SIZES) {
  test(`${size.name}: a new studio from zero to a test link — refused key, not connected, checklist, connected, test link`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const { context, page } = await ownerAt(browser, size);
    const name = `Zero Studio ${size.name}`;

    // 1. Created with a key Kisi refuses: the studio exists, and says it is not connected.
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "New studio" }).click();
    await page.getByLabel("Studio name").fill(name);
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByLabel("Kisi API key").fill("kisi-refused-key-0000000000000000");
    await page.getByRole("button", { name: "Create studio and connect Kisi" }).click();
    await expect(page.getByText(/That did not work/)).toBeVisible();
    await page.reload();
    const card = page.getByTestId("studio-card").filter({ hasText: name });
    await expect(card).toContainText("Not connected");
    await expect(
      page.getByTestId("studio-card").filter({ hasText: "Latchkey Demo Studio" }).first(),
    ).toContainText("Connected");
    await expectNoA11yViolations(page, { legacyMode: true });
    await shot(page, "studio-list", size);

    // 2. Its Today page: the badge in the header, the checklist with the reason, no test link.
    await card.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.locator("main").getByText("Not connected").first()).toBeVisible();
    const checklist = page.getByRole("region", { name: "Connect this studio to its doors" });
    await expect(checklist).toContainText("This studio has no Kisi API key yet");
    await expect(checklist.getByRole("button", { name: /Send a test link/ })).toHaveCount(0);
    await expectNoA11yViolations(page, { legacyMode: true });
    await shot(page, "today-not-connected", size);

    // Issuing is refused by the API too, in words, not only hidden in the page.
    const studioId = /studios\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const refused = await context.request.post(`${APP}/api/studios/${studioId}/links`, {
      headers: { Origin: APP },
      data: {
        name: "Nobody",
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe("studio_not_ready");

    // 3. The checklist's step leads to the Kisi tab: the real key, then the group.
    await checklist.getByRole("link", { name: "Connect the key" }).click();
    await expect(page).toHaveURL(/settings\?section=kisi/);
    await expect(page.getByRole("tab", { name: "Kisi connection" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await page.getByLabel("New Kisi API key").fill(DEMO_SEED.apiKey);
    await page.getByRole("button", { name: "Verify and save key" }).click();
    await expect(page.getByText("Kisi accepted the key.")).toBeVisible();
    await page.getByLabel("Kisi group").selectOption(String(DEMO_SEED.groupId));
    await page.getByRole("button", { name: "Save group" }).click();
    await expect(page.getByRole("tabpanel").getByText("Saved.").first()).toBeVisible();
    await expectNoA11yViolations(page, { legacyMode: true });
    await shot(page, "settings-kisi", size);

    // 4. Back on Today: connected, and a test link to yourself is one click.
    await page
      .getByRole("navigation", { name: "Studio" })
      .getByRole("link", { name: "Today" })
      .click();
    await expect(page.locator("main").getByText("Not connected")).toHaveCount(0);
    const finish = page.getByRole("region", { name: "Finish setting up" });
    await finish.getByRole("button", { name: `Send a test link to ${DEMO_ACCOUNT.email}` }).click();
    await expect(finish.getByText(`Test link sent to ${DEMO_ACCOUNT.email}.`)).toBeVisible();
    await finish.getByRole("link", { name: "Open the link" }).click();
    await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
    await page.goto(`/dashboard/studios/${studioId}`);
    await expect(page.getByRole("region", { name: "Guests expected" })).toContainText(
      "Test link (staff)",
    );
    await expectNoA11yViolations(page, { legacyMode: true });
    await shot(page, "today-connected", size);

    await page.goto("/dashboard");
    await expect(page.getByTestId("studio-card").filter({ hasText: name })).toContainText(
      "Connected",
    );
    await context.close();
  });
}

for (const size of SIZES) {
  test(`${size.name}: change branding and see the preview — last valid colour kept, look-alike colours warned, saved`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const { context, page, api } = await ownerAt(browser, size);
    const before = await (await api.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json();
    await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/settings?section=branding`);
    await expect(page.getByRole("tab", { name: "Branding" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    const preview = page.getByTestId("guest-preview");
    const email = page.getByTitle("Preview of the guest email");
    await expect(email).toBeVisible();
    // No save bar before anything changed.
    await expect(page.getByTestId("save-bar")).toHaveCount(0);

    const primary = page.getByLabel("Primary colour", { exact: true });
    const accent = page.getByLabel("Accent colour", { exact: true });
    await primary.fill("#15803d");
    await expect(preview).toHaveAttribute("data-primary", "#15803d");
    await expect(email).toHaveAttribute("srcdoc", /#15803d/);
    // A green brand looks like the guest page's "open": said in words.
    await expect(page.getByTestId("brand-distinctness")).toContainText("“open”");

    // Half-typed: the field says what is wrong; the previews keep the last valid colour.
    await primary.fill("#15");
    await expect(page.getByText("Enter a colour like #1d4ed8.").first()).toBeVisible();
    await expect(preview).toHaveAttribute("data-primary", "#15803d");
    await expect(email).toBeVisible();
    await primary.fill("#1d4ed8");
    await accent.fill("#2563eb");
    await expect(page.getByTestId("brand-distinctness")).toContainText(
      "Primary and accent look almost the same",
    );
    await accent.fill("#b45309");
    await expect(page.getByTestId("brand-distinctness")).toContainText("easy to tell apart");
    await expect(page.getByTestId("save-bar")).toBeVisible();
    await expectNoA11yViolations(page, { legacyMode: true });
    await shot(page, "settings-branding", size);

    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByRole("tabpanel").getByText("Saved.").first()).toBeVisible();
    await expect(page.getByTestId("save-bar")).toHaveCount(0);
    const after = await (await api.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json();
    expect(after.branding).toMatchObject({ primaryColor: "#1d4ed8", accentColor: "#b45309" });

    const restored = await api.patch(`${APP}/api/studios/${DEMO_IDS.studio}`, {
      headers: { Origin: APP },
      data: {
        branding: {
          primaryColor: before.branding.primaryColor,
          accentColor: before.branding.accentColor,
        },
      },
    });
    expect(restored.status()).toBe(200);
    await context.close();
  });
}

test("settings by keyboard: arrow keys move between tabs, Enter opens one, the URL follows", async ({
  browser,
}) => {
  const { context, page } = await ownerAt(browser, SIZES[0]);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/settings`);
  const general = page.getByRole("tab", { name: "General" });
  await general.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Geofence" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/section=geofence/);
  await expect(page.getByRole("heading", { name: "Geofence" })).toBeVisible();
  // Advanced settings are folded away, in plain words.
  await expect(page.getByLabel("How old a location may be (seconds)")).toBeHidden();
  await page.getByText(/^Advanced:/).click();
  await expect(page.getByLabel("How old a location may be (seconds)")).toBeVisible();
  // No map style configured here (the demo is offline): the drawing, and no map.
  await expect(page.getByRole("img", { name: /Fence of \d+ m around the centre/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Map of the geofence" })).toHaveCount(0);
  await expectNoA11yViolations(page, { legacyMode: true });
  await shot(page, "settings-geofence", SIZES[0]);
  await context.close();
});

for (const size of [SIZES[1], SIZES[3]]) {
  test(`${size.name}: the geofence and branding tabs fit the screen`, async ({ browser }) => {
    const { context, page } = await ownerAt(browser, size);
    for (const section of ["geofence", "branding"]) {
      await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/settings?section=${section}`);
      await expect(page.getByRole("tabpanel")).toBeVisible();
      // Nothing wider than the screen: no sideways scrolling.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: `test-results/dashboard-settings/settings-${section}-full-${size.name}.png`,
        fullPage: true,
      });
    }
    await context.close();
  });
}

test("the geofence centre from the admin's own position, and the radius as a slider in metres", async ({
  browser,
}) => {
  const { context, page } = await ownerAt(browser, SIZES[2], {
    geolocation: { latitude: 52.520008, longitude: 13.404954, accuracy: 12 },
  });
  // Per origin, after the clipboard permissions ownerContexts grants there (which replace any
  // the context had for it).
  await context.grantPermissions(["geolocation", "clipboard-read", "clipboard-write"], {
    origin: APP,
  });
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/settings?section=geofence`);
  await page.getByRole("button", { name: "Use my current location" }).click();
  await expect(page.getByLabel("Latitude", { exact: true })).toHaveValue("52.520008");
  await expect(page.getByLabel("Longitude", { exact: true })).toHaveValue("13.404954");
  await expect(page.getByText("accurate to 12 m")).toBeVisible();
  const slider = page.getByRole("slider", { name: "Radius" });
  await slider.focus();
  const radius = page.getByLabel("Radius (m)");
  const start = Number(await radius.inputValue());
  await page.keyboard.press("ArrowRight");
  await expect(radius).toHaveValue(String(start + 10));
  await expect(slider).toHaveAttribute("aria-valuetext", `${start + 10} m`);
  await expect(page.getByTestId("save-bar")).toBeVisible();

  // Unsaved: leaving by an in-app link asks first; staying keeps the edit.
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("unsaved changes");
    void dialog.dismiss();
  });
  await page
    .getByRole("navigation", { name: "Studio" })
    .getByRole("link", { name: "Today" })
    .click();
  await expect(page).toHaveURL(/section=geofence/);
  await expect(radius).toHaveValue(String(start + 10));
  // Another tab of the settings keeps the edit without asking.
  await page.getByRole("tab", { name: "Branding" }).click();
  await page.getByRole("tab", { name: "Geofence" }).click();
  await expect(radius).toHaveValue(String(start + 10));
  await context.close();
});

test("an invalid value is refused beside its own field, in the admin's language (German), before anything is sent", async ({
  browser,
}) => {
  const { context, page, api } = await ownerAt(browser, SIZES[0], { locale: "de-DE" });
  const before = await (await api.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json();
  const patches: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH") patches.push(r.url());
  });
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/settings?section=geofence`);
  const panel = page.getByRole("tabpanel");

  // Out of the schema's range: the range itself, under the radius, named by the field.
  const radius = page.getByLabel("Radius (m)");
  await radius.fill("6000");
  await radius.blur();
  const radiusError = page.locator("#settings-radius-error");
  await expect(radiusError).toHaveText("Geben Sie eine Zahl von 10 bis 5000 ein.");
  await expect(radius).toHaveAttribute("aria-invalid", "true");
  await expect(radius).toHaveAttribute("aria-describedby", /settings-radius-error/);
  // Not a number at all: said in words, not as zod's "expected number, received NaN".
  const latitude = page.getByLabel("Breitengrad", { exact: true });
  await latitude.fill("Berlin");
  await latitude.blur();
  await expect(page.locator("#settings-latitude-error")).toHaveText(
    "Breiten- und Längengrad müssen Zahlen sein.",
  );
  await page.getByRole("button", { name: "Geofence speichern" }).click();
  // The form kept it: nothing sent, no banner, the first wrong field focused.
  await expect(latitude).toBeFocused();
  await expect(panel.getByRole("alert")).toHaveCount(0);
  expect(patches).toEqual([]);
  await expectNoA11yViolations(page, { legacyMode: true });
  await shot(page, "settings-geofence-invalid-de", SIZES[0]);

  await page.getByRole("tab", { name: "Branding" }).click();
  const email = page.getByLabel("Support-E-Mail");
  await email.fill("keine-adresse");
  await email.blur();
  await expect(page.locator("#settings-supportEmail-error")).toHaveText(/E-Mail-Adresse/);
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const primary = page.getByLabel("Hauptfarbe", { exact: true });
  await primary.fill("#12");
  await expect(page.locator("#settings-primary-error")).toHaveText(
    "Geben Sie eine Farbe wie #1d4ed8 ein.",
  );
  await page.getByRole("button", { name: "Branding speichern" }).click();
  await expect(primary).toBeFocused();
  await expect(panel.getByRole("alert")).toHaveCount(0);
  expect(patches).toEqual([]);
  const after = await (await api.get(`${APP}/api/studios/${DEMO_IDS.studio}`)).json();
  expect(after.geofence).toEqual(before.geofence);
  expect(after.branding.supportEmail).toBe(before.branding.supportEmail);
  await context.close();
});

test("the dashboard language is chosen in the account menu and kept on the account", async ({
  browser,
}) => {
  const { context, page } = await ownerAt(browser, SIZES[0]);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}`);
  await expect(accountMenu(page)).toHaveAccessibleName(`Account menu: ${DEMO_ACCOUNT.email}`);
  await accountMenu(page).click();
  await expect(page.getByRole("menuitemradio", { name: "Follow my browser" })).toBeChecked();
  await expectNoA11yViolations(page, { legacyMode: true });
  await page.getByRole("menuitemradio", { name: "Deutsch" }).click();
  await expect(
    page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Heute" }),
  ).toBeVisible();
  // Another browser (English Accept-Language) signed in as the same person: German too.
  const { context: other, page: elsewhere } = await ownerAt(browser, SIZES[1], { fresh: true });
  await elsewhere.goto("/dashboard");
  await expect(elsewhere.getByRole("heading", { level: 1 })).toHaveText("Übersicht");
  await expect(accountMenu(elsewhere)).toHaveAccessibleName(`Kontomenü: ${DEMO_ACCOUNT.email}`);
  await accountMenu(elsewhere).click();
  await expect(elsewhere.getByRole("menuitemradio", { name: "Deutsch" })).toBeChecked();
  await other.close();
  // Back to following the browser.
  await accountMenu(page).click();
  await page.getByRole("menuitemradio", { name: "Wie mein Browser" }).click();
  await expect(
    page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Today" }),
  ).toBeVisible();
  await context.close();
});

test("a door-system outage reads as 'not opened', apart from a refusal, in the activity and on Today", async ({
  browser,
}) => {
  const { context, page, api } = await ownerAt(browser, SIZES[0]);
  const frontDoor = DEMO_SEED.guestLockIds[0]!;
  const tap = (token: string) =>
    api.post(`${APP}/api/access/doors/${frontDoor}/unlock`, {
      headers: { Authorization: `Bearer ${token}`, Origin: APP },
      data: {},
    });
  const outage = await issueLink(api, { name: "Outage Olive" });
  await kisi.fault(api, {
    method: "POST",
    path: "/locks/:id/unlock",
    action: { kind: "status", status: 503 },
  });
  try {
    const res = await tap(outage.token);
    expect((await res.json()).error.code).toBe("kisi_unavailable");
  } finally {
    await kisi.clearFaults(api);
  }
  const revoked = await issueLink(api, { name: "Revoked Rita" });
  await revokeLink(api, revoked.id);
  expect((await (await tap(revoked.token)).json()).error.code).toBe("revoked");

  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/activity`);
  const olive = page.getByRole("listitem").filter({ hasText: "Outage Olive" }).first();
  await expect(olive).toContainText("Not opened");
  await expect(olive).toContainText("Door system unreachable — not opened");
  await expect(olive).not.toContainText("Denied");
  const rita = page.getByRole("listitem").filter({ hasText: "Revoked Rita" }).first();
  await expect(rita).toContainText("Denied");
  await expect(rita).toContainText("Link revoked");
  await expectNoA11yViolations(page, { legacyMode: true });

  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}`);
  const refused = page.getByRole("region", { name: "Refused today" });
  await expect(
    refused.getByRole("listitem").filter({ hasText: "Outage Olive" }).first(),
  ).toContainText("Door system unreachable — not opened");
  await refused.getByRole("link", { name: "Revoked Rita" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/links/${revoked.id}$`));
  await context.close();
});
