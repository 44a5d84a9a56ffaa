import { expect, test, type Browser } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS } from "../../lib/demo/constants";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { APP, issuedTokens, KISI, fromAccountMenu } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";
import { issueFromSheet, linkRow, openLinks, rowAction, visibleRows } from "./support/links-ui";

const SESSION = "test-results/.owner-session.json";

const ownerPage = async (browser: Browser) => {
  const context = await browser.newContext({
    storageState: SESSION,
    viewport: { width: 1024, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP });
  return { context, page: await context.newPage() };
};

test.describe.configure({ mode: "serial" });

test("an owner signs in (a wrong password gets a generic message) and sees the franchise's studios", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectNoA11yViolations(page);

  // A wrong password and an unknown address read the same: no account enumeration.
  // (Sign-in is throttled to 5 attempts a minute per address: the whole e2e run spends four.)
  const error = page.getByRole("alert").filter({ hasText: "match" });
  await page.getByLabel("Email").fill("nobody@latchkey.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(error).toHaveText("That email and password do not match an account.");
  await page.getByLabel("Email").fill(DEMO_ACCOUNT.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(error).toHaveText("That email and password do not match an account.");

  await page.getByLabel("Password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("link", { name: "Latchkey Demo Studio" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Latchkey Climbing (geofenced)" })).toBeVisible();
  await expect(page).toHaveTitle("Dashboard · Latchkey");
  await expectNoA11yViolations(page);
  const session = (await context.cookies()).find((c) => c.name === "latchkey.session_token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  await context.storageState({ path: SESSION });
  await context.close();
});

test("issues a link with an email from the sheet, copies it, and the guest can open it", async ({
  browser,
}) => {
  const { context, page } = await ownerPage(browser);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/links`);
  await expect(page).toHaveTitle("Links · Latchkey Demo Studio · Latchkey");
  await expectNoA11yViolations(page);
  const url = await issueFromSheet(page, {
    name: "Dana Guest",
    email: "dana@example.com",
    locale: "nl",
    preset: "One week",
  });
  const done = page.getByRole("dialog", { name: "Link ready for Dana Guest" });
  await expect(done).toContainText("On its way to dana@example.com");
  await expect(done).toContainText("Dutch");
  expect(url).toMatch(new RegExp(`^${APP}/access/[A-Za-z0-9_-]{43}$`));
  await done.getByRole("button", { name: "Copy link", exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await done.getByRole("button", { name: "Done" }).click();

  const row = linkRow(page, "Dana Guest");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("dana@example.com");
  await expect(async () => {
    await page.reload();
    await expect(linkRow(page, "Dana Guest")).toContainText("Captured (demo)", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  const guest = await browser.newPage();
  await guest.goto(url);
  await expect(guest.getByText("Hoi Dana Guest")).toBeVisible();
  await guest.close();
  await context.close();
});

test("finds a link by name, revokes it after asking, and the guest's page says so", async ({
  browser,
}) => {
  const { context, page } = await ownerPage(browser);
  await openLinks(page);
  const url = await issueFromSheet(page, { name: "Revoke Me" });
  await page.getByRole("button", { name: "Done" }).click();

  await page.getByLabel("Search by name or email").fill("Revoke Me");
  await expect(visibleRows(page)).toHaveCount(1);
  await rowAction(page, "Revoke Me", "Revoke…");
  const confirm = page.getByRole("dialog", { name: "Revoke Revoke Me's link?" });
  await confirm.getByRole("button", { name: "Revoke Revoke Me's link" }).click();
  await expect(page.getByText("Revoke Me's link was revoked.")).toBeVisible();
  await expect(linkRow(page, "Revoke Me")).toContainText("Revoked");
  await page.getByRole("group", { name: "Show" }).getByRole("button", { name: "Revoked" }).click();
  await expect(linkRow(page, "Revoke Me")).toBeVisible();
  // A revoked link offers nothing more (lib/links/state-actions.ts).
  await linkRow(page, "Revoke Me").getByRole("button", { name: "Actions for Revoke Me" }).click();
  await expect(page.getByRole("menuitem", { name: "Revoke…" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  const guest = await browser.newPage();
  await guest.goto(url);
  await expect(guest.getByRole("heading", { name: "This link was cancelled" })).toBeVisible();
  await guest.close();
  await context.close();
});

test("extends a link by a day behind the same URL, and resends its email", async ({ browser }) => {
  const { context, page } = await ownerPage(browser);
  await openLinks(page);
  const url = await issueFromSheet(page, { name: "Extend Erin", email: "erin@example.com" });
  await page.getByRole("button", { name: "Done" }).click();
  const kisiBefore = await (await context.request.get(`${KISI}/__emulator/state`)).json();

  await rowAction(page, "Extend Erin", "Extend by a day");
  await expect(page.getByText("Extend Erin's link now runs a day longer.")).toBeVisible();

  // Kisi's link was replaced; the guest's URL still opens the same page, with the new window.
  const kisiAfter = await (await context.request.get(`${KISI}/__emulator/state`)).json();
  const erin = (state: { groupLinks: { name: string; deletedAt: string | null; id: number }[] }) =>
    state.groupLinks
      .filter((l) => l.name.startsWith("Extend Erin") && !l.deletedAt)
      .map((l) => l.id);
  expect(erin(kisiAfter)).toHaveLength(1);
  expect(erin(kisiAfter)).not.toEqual(erin(kisiBefore));
  const guest = await browser.newPage();
  await guest.goto(url);
  await expect(guest.getByText("Hi Extend Erin")).toBeVisible();
  await expect(guest.getByRole("button", { name: /Front door/ })).toBeEnabled();
  await guest.close();

  await rowAction(page, "Extend Erin", "Resend email");
  await expect(page.getByText("The email to Extend Erin is on its way again.")).toBeVisible();
  await context.close();
});

test("an owner sets up a new studio through the API: Kisi key write-only, group picked, links issued", async ({
  browser,
}) => {
  const { context } = await ownerPage(browser);
  const api = context.request;
  const post = (path: string, data: unknown, method: "post" | "put" | "patch" = "post") =>
    api[method](`${APP}${path}`, { headers: { Origin: APP }, data });

  const created = await post("/api/studios", {
    name: "Latchkey Yoga",
    timeZone: "Europe/Amsterdam",
    defaultLocale: "nl",
  });
  expect(created.status()).toBe(201);
  const studio = await created.json();
  expect(studio).toMatchObject({
    name: "Latchkey Yoga",
    timeZone: "Europe/Amsterdam",
    kisi: { connected: false },
  });

  const rejected = await post(
    `/api/studios/${studio.id}/kisi-key`,
    { apiKey: "not-a-kisi-key-123" },
    "put",
  );
  expect(rejected.status()).toBe(422);
  expect((await rejected.json()).error.code).toBe("kisi_key_rejected");

  const connected = await post(
    `/api/studios/${studio.id}/kisi-key`,
    { apiKey: DEMO_SEED.apiKey },
    "put",
  );
  expect(connected.status()).toBe(200);
  const { groups } = await connected.json();
  expect(groups.map((g: { id: number }) => g.id)).toContain(DEMO_SEED.groupId);
  expect(await connected.text()).not.toContain(DEMO_SEED.apiKey);

  const settings = await post(
    `/api/studios/${studio.id}`,
    { kisiGroupId: DEMO_SEED.groupId, branding: { primaryColor: "#be123c" } },
    "patch",
  );
  expect(settings.status()).toBe(200);
  const view = await settings.json();
  expect(view.kisi).toEqual({
    connected: true,
    keyLast4: DEMO_SEED.apiKey.slice(-4),
    keyStatus: "valid",
    verifiedAt: expect.any(String),
    groupId: DEMO_SEED.groupId,
    placeId: DEMO_SEED.placeId,
  });
  expect(JSON.stringify(view)).not.toContain(DEMO_SEED.apiKey);
  expect((await api.get(`${APP}/api/studios/${studio.id}`)).ok()).toBe(true);

  const link = await post(`/api/studios/${studio.id}/links`, {
    name: "Yoga Guest",
    validFrom: new Date().toISOString(),
    validUntil: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(link.status()).toBe(201);
  const { url } = await link.json();
  issuedTokens.push(url.split("/access/")[1] ?? "");
  const guest = await browser.newPage();
  await guest.goto(url);
  await expect(guest.getByText("Hoi Yoga Guest")).toBeVisible();
  await guest.close();
  await context.close();
});

test("a studio's logo: uploaded as image bytes, shown to guests, served with nothing else allowed", async ({
  browser,
}) => {
  const { context } = await ownerPage(browser);
  const api = context.request;
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  const upload = (data: Buffer, type: string) =>
    api.put(`${APP}/api/studios/${DEMO_IDS.geofencedStudio}/logo`, {
      headers: { Origin: APP, "Content-Type": type },
      data,
    });

  expect(
    (await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/png")).status(),
  ).toBe(415);
  expect((await upload(Buffer.alloc(600 * 1024), "image/png")).status()).toBe(413);
  const res = await upload(png, "image/png");
  expect(res.status()).toBe(200);
  const { logoUrl } = await res.json();

  const served = await api.get(`${APP}${logoUrl}`);
  expect(served.headers()).toMatchObject({
    "content-type": "image/png",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "cross-origin-resource-policy": "cross-origin",
    "x-content-type-options": "nosniff",
  });
  expect(Buffer.compare(await served.body(), png)).toBe(0);

  const link = await api.post(`${APP}/api/studios/${DEMO_IDS.geofencedStudio}/links`, {
    headers: { Origin: APP },
    data: {
      name: "Logo Guest",
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  const { url } = await link.json();
  issuedTokens.push(url.split("/access/")[1] ?? "");
  const guest = await browser.newPage();
  await guest.goto(url);
  await expect(guest.locator(`header img[src="${logoUrl}"]`)).toBeVisible();
  await guest.close();
  await context.close();
});

test("another organization's studio, or none at all, is the same 404", async ({ browser }) => {
  const { context, page } = await ownerPage(browser);
  for (const id of ["00000000-0000-4000-8000-0000000000ff", "not-a-uuid"]) {
    const res = await page.goto(`/dashboard/studios/${id}`);
    expect(res?.status()).toBe(404);
  }
  const api = await context.request.get(
    `${APP}/api/studios/00000000-0000-4000-8000-0000000000ff/links`,
  );
  expect(api.status()).toBe(404);
  await context.close();
});

test("the Studio API refuses signed-out reads and writes", async ({ request }) => {
  const body = {
    name: "X",
    validFrom: new Date().toISOString(),
    validUntil: new Date(Date.now() + 60_000).toISOString(),
  };
  const anonymous = await request.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
    data: body,
    headers: { Origin: APP },
  });
  expect(anonymous.status()).toBe(401);
  expect((await request.get(`${APP}/api/studios/${DEMO_IDS.studio}/links`)).status()).toBe(401);
});

test("a signed-in owner's cross-site POST is refused", async ({ browser }) => {
  const { context } = await ownerPage(browser);
  const res = await context.request.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
    headers: { Origin: "https://evil.example" },
    data: {
      name: "Forged",
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 60_000).toISOString(),
    },
  });
  expect(res.status()).toBe(403);
  await context.close();
});

test("the dashboard speaks French to a French browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion");
  await expect(page.getByLabel("Mot de passe")).toBeVisible();
  await context.close();
});

test("signing out kills the session: the old cookie no longer works", async ({ browser }) => {
  const { context, page } = await ownerPage(browser);
  await page.goto("/dashboard");
  const cookies = await context.cookies();
  await fromAccountMenu(page, "Sign out");
  await expect(page).toHaveURL(/\/sign-in$/);
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const res = await replay.request.get(`${APP}/api/studios/${DEMO_IDS.studio}/links`);
  expect(res.status()).toBe(401);
  await replay.close();
  await context.close();
});
