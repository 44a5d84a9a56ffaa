import { readFileSync } from "node:fs";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { SERVER_LOG } from "../../playwright.config";
import { APP } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

/**
 * API tokens end to end: a manager creates one in the dashboard, a booking system uses it with
 * Bearer (idempotently), the manager revokes it, and the token is refused from then on. The
 * token is shown once and then appears in no page, no API response and no server log line.
 */
test.describe.configure({ mode: "serial" });

const PAGE = `/dashboard/studios/${DEMO_IDS.studio}/api-tokens`;
const TOKEN_NAME = `E2E booking system ${Date.now()}`;
let token = "";
const seen: string[] = []; // every later page and response body, for the leak check

async function signedIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const res = await context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
  return context;
}

const window = () => ({
  validFrom: new Date().toISOString(),
  validUntil: new Date(Date.now() + 3_600_000).toISOString(),
});

test("a manager creates a token: shown once, with a copy button and a curl example", async ({
  browser,
}) => {
  const context = await signedIn(browser, DEMO_STAFF.manager.email);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP });
  const page = await context.newPage();
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 2, name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("link", { name: "API tokens" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByText("Idempotency-Key: booking-4711")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(TOKEN_NAME);
  await page.getByRole("button", { name: "Create token" }).click();
  const heading = page.getByRole("heading", { name: `Token “${TOKEN_NAME}” created` });
  await expect(heading).toBeFocused();
  await expect(page.getByText("You won't see it again")).toBeVisible();
  token = await page.getByRole("textbox", { name: "API token", exact: true }).inputValue();
  expect(token).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);

  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByText("Token copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expectNoA11yViolations(page);

  const row = page.getByRole("listitem").filter({ hasText: TOKEN_NAME });
  await expect(row).toContainText(token.slice(0, 9));
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never used");

  await page.getByRole("button", { name: "Done, I stored it" }).click();
  await expect(page.getByRole("textbox", { name: "API token", exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await context.close();
});

test("an empty name is refused in the browser, beside the field and in the admin's language", async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 900 },
    locale: "de-DE",
    extraHTTPHeaders: { "Accept-Language": "de-DE,de;q=0.9" },
  });
  const res = await context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email: DEMO_STAFF.manager.email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
  const page = await context.newPage();
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/api-tokens")) posts.push(r.url());
  });
  await page.goto(PAGE);
  await page.getByRole("button", { name: "Token erstellen" }).click();
  const field = page.locator("#token-name");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // zod's own German message, from the same schema the server enforces (lib/contracts).
  await expect(page.locator("#token-name-error")).toContainText("Zeichen");
  await expect(field).toBeFocused();
  expect(posts).toEqual([]);
  await context.close();
});

test("the token issues a link with Bearer; the same Idempotency-Key twice makes one link", async ({
  playwright,
}) => {
  expect(token).not.toBe("");
  const api = await playwright.request.newContext(); // no cookies: the token alone
  const key = `e2e-tokens-${Date.now()}`;
  const data = { name: "Booked Guest", ...window() }; // a retry sends the very same request
  const post = () =>
    api.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
      headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": key },
      data,
    });
  const first = await post();
  const firstText = await first.text();
  expect(first.status(), firstText).toBe(201);
  const second = await post();
  const secondText = await second.text();
  expect(second.status(), secondText).toBe(200);
  expect(JSON.parse(secondText).id).toBe(JSON.parse(firstText).id);
  seen.push(firstText, secondText);

  const list = await api.get(`${APP}/api/studios/${DEMO_IDS.studio}/links?q=Booked%20Guest`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(list.status()).toBe(200);
  const listText = await list.text();
  seen.push(listText);
  const ids = (JSON.parse(listText) as { items: { id: string }[] }).items.map((i) => i.id);
  expect(ids.filter((id) => id === JSON.parse(firstText).id)).toHaveLength(1);

  // Another studio's links are out of reach, and a session-only route refuses the token.
  const sibling = await api.get(`${APP}/api/studios/${DEMO_IDS.geofencedStudio}/links`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(sibling.status()).toBe(404);
  const tokens = await api.get(`${APP}/api/studios/${DEMO_IDS.studio}/api-tokens`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(tokens.status()).toBe(401);
  seen.push(await sibling.text(), await tokens.text());
  await api.dispose();
});

test("the manager revokes it in two steps, and the next call is 401", async ({
  browser,
  playwright,
}) => {
  const context = await signedIn(browser, DEMO_STAFF.manager.email);
  const page = await context.newPage();
  await page.goto(PAGE);
  const row = page.getByRole("listitem").filter({ hasText: TOKEN_NAME });
  await expect(row).toContainText("Last used");
  await row.getByRole("button", { name: `Revoke — ${TOKEN_NAME}` }).click();
  const confirm = row.getByRole("button", { name: `Revoke “${TOKEN_NAME}” for good` });
  await expect(confirm).toBeFocused();
  await confirm.click();
  await expect(page.getByText(`“${TOKEN_NAME}” is revoked`)).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  seen.push(await page.content());

  const listed = await context.request.get(`${APP}/api/studios/${DEMO_IDS.studio}/api-tokens`);
  expect(listed.status()).toBe(200);
  seen.push(await listed.text());
  await context.close();

  const api = await playwright.request.newContext();
  const refused = await api.post(`${APP}/api/studios/${DEMO_IDS.studio}/links`, {
    headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": `after-revoke-${Date.now()}` },
    data: { name: "Too Late", ...window() },
  });
  expect(refused.status()).toBe(401);
  seen.push(await refused.text());
  await api.dispose();
});

test("front desk gets a 404 for the page (and the Webhooks page) and a 403 from the API", async ({
  browser,
}) => {
  const context = await signedIn(browser, DEMO_STAFF.frontDesk.email);
  const page = await context.newPage();
  const res = await page.goto(PAGE);
  expect(res?.status()).toBe(404);
  // The Webhooks tab is managers' too (same check, same sign-in).
  expect((await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/webhooks`))?.status()).toBe(404);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}`);
  await expect(page.getByRole("link", { name: "API tokens" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  const api = await context.request.post(`${APP}/api/studios/${DEMO_IDS.studio}/api-tokens`, {
    headers: { Origin: APP },
    data: { name: "Front desk token" },
  });
  expect(api.status()).toBe(403);
  await context.close();
});

test("the token appears in no later page, API response or server log line", async () => {
  expect(token).toMatch(/^lk_/);
  // The part after the prefix: a leak that dropped or rewrote "lk_" still counts.
  const secret = token.slice(3);
  expect(seen.length).toBeGreaterThan(4);
  for (const text of seen) expect(text).not.toContain(secret);
  const log = readFileSync(SERVER_LOG, "utf8");
  expect(log).toContain("latchkey ready");
  expect(log).not.toContain(secret);
});
