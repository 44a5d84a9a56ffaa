import {
  devices,
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { SPARE_PORT } from "../../playwright.config";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { expectNoA11yViolations } from "./support/axe";
import { APP, DEMO_IDS, issueLink, ownerContexts, revokeLink } from "./support/latchkey";

/**
 * Issue #14 end to end, with real HTTP receivers on loopback (the demo allows loopback targets):
 * a manager adds an endpoint in the Webhooks tab and copies its secret; a link issued, another
 * revoked and a door opened on the guest page reach the receiver in order, each verified with
 * `standardwebhooks`, none carrying an access URL or token; a receiver answering 500, 500, 200
 * sees the test event three times and the dashboard's log says three attempts. The e2e server
 * runs with LATCHKEY_WEBHOOK_RETRY_BASE_SECONDS=1 (playwright.config.ts), so retries take
 * seconds.
 */
const STUDIO = DEMO_IDS.studio;
const PAGE_URL = `${APP}/dashboard/studios/${STUDIO}/webhooks`;
const SIZES = {
  laptop: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, isMobile: false },
  phone: devices["Pixel 7"],
} as const;

const ownerContext = ownerContexts();

/** A signed-in manager (the demo owner) at a size; one sign-in for the whole file. */
const managerPage = (browser: Browser, size: keyof typeof SIZES) =>
  ownerContext(browser, SIZES[size] as Record<string, unknown>);

const main = (page: Page) => page.getByRole("main");
const endpointCard = (page: Page, url: string) =>
  page.getByTestId("webhook-endpoint").filter({ has: page.getByRole("heading", { name: url }) });

let receiver: WebhookReceiver;
let flaky: WebhookReceiver;
let secret = "";
let laptop: { context: BrowserContext; page: Page };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  receiver = await startWebhookReceiver(SPARE_PORT);
  flaky = await startWebhookReceiver();
  laptop = await managerPage(browser, "laptop");
});
test.afterAll(async () => {
  await laptop?.context.close();
  await receiver?.close();
  await flaky?.close();
});

test("a manager adds an endpoint with the keyboard; a refused address is told under the URL; the secret is shown once and copied", async () => {
  const { page } = laptop;
  await page.goto(PAGE_URL);
  await expect(page.getByRole("heading", { level: 2, name: "Webhooks" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expectNoA11yViolations(page);

  const add = main(page).getByRole("button", { name: "Add endpoint" });
  await add.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
  await expect(dialog).toBeVisible();
  const url = dialog.getByRole("textbox", { name: "URL" });
  await expect(url).toBeFocused();

  // Plain http to a private address: the server's SSRF guard refuses it, and says so at the field.
  await page.keyboard.type("http://10.0.0.1/hook");
  await page.keyboard.press("Enter");
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.locator("#webhook-url-error")).toHaveText(
    /This webhook address is not allowed/,
  );
  await expect(url).toBeFocused();
  await expectNoA11yViolations(page);

  await url.fill("");
  await page.keyboard.type(receiver.url);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Booking system");
  // The events in order: keep link.issued, link.revoked, unlock.allowed, visit.started.
  const untick = new Set(["link.changed", "email.sent", "email.failed", "unlock.denied"]);
  for (const type of [
    "link.issued",
    "link.changed",
    "link.revoked",
    "email.sent",
    "email.failed",
    "unlock.allowed",
    "unlock.denied",
    "visit.started",
  ]) {
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("checkbox", { name: new RegExp(`^${type}`) })).toBeFocused();
    if (untick.has(type)) await page.keyboard.press("Space");
  }
  await expect(dialog.getByRole("checkbox", { checked: true })).toHaveCount(4);
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Add endpoint" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  const heading = main(page).getByRole("heading", { name: `Signing secret for ${receiver.url}` });
  await expect(heading).toBeFocused();
  await expect(main(page)).toContainText("you will not see it again");
  const shown = await main(page).getByLabel("Signing secret", { exact: true }).inputValue();
  expect(shown).toMatch(/^whsec_/);
  await main(page).getByRole("button", { name: "Copy secret" }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "Secret copied." })).toBeVisible();
  secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toBe(shown);

  const card = endpointCard(page, receiver.url);
  await expect(card).toContainText("Booking system");
  await expect(card.getByText("On", { exact: true })).toBeVisible();
  await expect(card.getByRole("list", { name: "Events" }).getByRole("listitem")).toHaveText([
    "link.issued",
    "link.revoked",
    "unlock.allowed",
    "visit.started",
  ]);
  // The verification example is static: no secret in it.
  const example = main(page).getByLabel("Example receiver in TypeScript");
  await expect(example).toContainText('from "standardwebhooks"');
  expect(await example.textContent()).not.toContain(secret.slice(6));
  await expectNoA11yViolations(page);
  await page.screenshot({ path: "test-results/webhooks/laptop-secret.png", fullPage: true });

  // Done: the secret leaves the page for good; the list never shows it.
  await main(page).getByRole("button", { name: "I have stored it" }).click();
  await page.reload();
  await expect(endpointCard(page, receiver.url)).toBeVisible();
  expect(await page.content()).not.toContain(secret.slice(6));
});

test("issue, revoke and a door opened on the guest page reach the receiver in order, signed, without a URL or token", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const api = laptop.page.request;
  const kept = await issueLink(api, { name: "Webhook Guest" });
  const revoked = await issueLink(api, { name: "Webhook Revoked" });
  await revokeLink(api, revoked.id);

  const { defaultBrowserType: _type, ...phone } = devices["Pixel 7"];
  const guest = await browser.newContext(phone);
  const guestPage = await guest.newPage();
  await guestPage.goto(kept.url);
  const door = guestPage.getByRole("button", { name: "Front door", exact: false });
  await door.click();
  await expect(door).toContainText("Open — go ahead");
  await guest.close();

  const ours = () =>
    receiver.verified(secret).filter((e) => {
      const link = (e.data as { link?: { id: string } }).link;
      return link && [kept.id, revoked.id].includes(link.id);
    });
  await expect.poll(() => ours().length, { timeout: 30_000 }).toBe(5);
  const events = ours().map((e) => `${e.type} ${(e.data as { link: { id: string } }).link.id}`);
  expect(events).toEqual([
    `link.issued ${kept.id}`,
    `link.issued ${revoked.id}`,
    `link.revoked ${revoked.id}`,
    `unlock.allowed ${kept.id}`,
    `visit.started ${kept.id}`,
  ]);
  // Every request was verified above (verify throws on a bad signature); each has its own id.
  expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(
    receiver.received.length,
  );
  for (const raw of receiver.received) {
    expect(raw.body).not.toContain("/access/");
    for (const token of [kept.token, revoked.token]) expect(raw.body).not.toContain(token);
  }
  const door1 = ours().find((e) => e.type === "unlock.allowed")!.data as {
    door: { name: string };
    outcome: string;
  };
  expect(door1).toMatchObject({ door: { name: "Front door" }, outcome: "unlocked" });
});

test("a receiver answering 500, 500, 200 gets the test event three times, and the log says three attempts", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const { page } = laptop;
  const created = await page.request.post(`${APP}/api/studios/${STUDIO}/webhooks`, {
    headers: { Origin: APP },
    data: { url: flaky.url, events: ["link.changed"], description: "Flaky receiver" },
  });
  expect(created.status()).toBe(201);
  const flakySecret = ((await created.json()) as { secret: string }).secret;
  flaky.statuses.push(500, 500);

  await page.goto(PAGE_URL);
  const card = endpointCard(page, flaky.url);
  await card.getByRole("button", { name: "Send test event" }).click();
  await expect(
    main(page)
      .getByRole("status")
      .filter({ hasText: `Test event queued for ${flaky.url}` }),
  ).toBeVisible();
  await expect(card.getByRole("button", { name: "Hide delivery log" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  const row = card.getByTestId("webhook-delivery");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("delivery-attempts")).toHaveText("3", { timeout: 30_000 });
  await expect(row).toContainText("Delivered");
  await expect(row).toContainText("HTTP 200");
  await expect(card.getByRole("region", { name: `Delivery log of ${flaky.url}` })).toContainText(
    "Times in Europe/Berlin",
  );

  expect(flaky.received).toHaveLength(3);
  expect(new Set(flaky.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
  expect(flaky.verified(flakySecret).map((e) => e.type)).toEqual([
    "webhook.test",
    "webhook.test",
    "webhook.test",
  ]);
  await expectNoA11yViolations(page);
  await page.screenshot({ path: "test-results/webhooks/laptop-log.png", fullPage: true });

  // Redeliver: the same event (same webhook-id) once more.
  await row.getByRole("button", { name: /^Redeliver/ }).click();
  await expect.poll(() => flaky.received.length, { timeout: 15_000 }).toBe(4);
  expect(flaky.received[3]!.headers["webhook-id"]).toBe(flaky.received[0]!.headers["webhook-id"]);

  // The phone: the same page, every control a 44 px target, axe-clean with the log open.
  const phone = await managerPage(browser, "phone");
  await phone.page.goto(PAGE_URL);
  const phoneCard = endpointCard(phone.page, flaky.url);
  await phoneCard.getByRole("button", { name: "Show delivery log" }).click();
  await expect(phoneCard.getByTestId("webhook-delivery").first()).toBeVisible();
  for (const button of await main(phone.page).getByRole("button").all()) {
    if (!(await button.isVisible())) continue;
    const box = await button.boundingBox();
    expect(box!.height, (await button.textContent()) ?? "").toBeGreaterThanOrEqual(44);
  }
  await expectNoA11yViolations(phone.page);
  await phone.page.screenshot({ path: "test-results/webhooks/phone-log.png", fullPage: true });
  await phone.context.close();
});

test("turn off and on, rotate (the old secret signs 24 h more) and delete, each confirmed and announced", async () => {
  const { page } = laptop;
  await page.goto(PAGE_URL);
  const card = endpointCard(page, flaky.url);
  await card.getByRole("button", { name: "Turn off" }).click();
  await expect(
    main(page)
      .getByRole("status")
      .filter({ hasText: `Endpoint ${flaky.url} turned off` }),
  ).toBeVisible();
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: "Send test event" })).toBeDisabled();
  await card.getByRole("button", { name: "Turn on" }).click();
  await expect(card.getByText("On", { exact: true })).toBeVisible();

  await card.getByRole("button", { name: `Rotate secret — ${flaky.url}` }).click();
  await expect(card).toContainText("The old secret stays valid for 24 hours");
  await card.getByRole("button", { name: "Make a new secret" }).click();
  await expect(
    main(page).getByRole("heading", { name: `New signing secret for ${flaky.url}` }),
  ).toBeFocused();
  await expect(main(page)).toContainText("keeps signing events beside the new one for 24 hours");
  const rotated = await main(page).getByLabel("Signing secret", { exact: true }).inputValue();
  expect(rotated).toMatch(/^whsec_/);
  await expect(card).toContainText("The previous secret still signs too");

  await card.getByRole("button", { name: `Delete — ${flaky.url}` }).click();
  await card.getByRole("button", { name: "Delete endpoint and its log" }).click();
  await expect(
    main(page)
      .getByRole("status")
      .filter({ hasText: `Endpoint ${flaky.url} deleted.` }),
  ).toBeVisible();
  await expect(endpointCard(page, flaky.url)).toHaveCount(0);

  // The staff audit has each change, and no secret.
  const audit = await page.request.get(
    `${APP}/api/studios/${STUDIO}/staff-audit?kind=webhook&limit=20`,
  );
  const text = await audit.text();
  expect(audit.status()).toBe(200);
  for (const action of ["created", "updated", "secret_rotated", "deleted"])
    expect(text).toContain(`"${action}"`);
  expect(text).not.toContain("whsec_");
});
