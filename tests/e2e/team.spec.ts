import { readFileSync } from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { SERVER_LOG } from "../../playwright.config";
import { APP } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

/**
 * Staff and invitations, as people meet them: a manager invites a new front-desk person, who
 * accepts in their own browser, works with front-desk tabs, is promoted, then removed. Creates
 * its own person (a unique address), so no other spec's data is touched.
 */
const TEAM_URL = `/dashboard/studios/${DEMO_IDS.studio}/team`;
const STUDIO_URL = `/dashboard/studios/${DEMO_IDS.studio}`;
const INVITEE = {
  name: "Nora Newhire",
  email: `nora.${Date.now()}@latchkey.test`,
  password: "nora-has-a-long-password",
};

/** A tablet-sized browser signed in as one of the demo people. */
async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP });
  const res = await context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage() };
}

const tabs = (page: Page) =>
  page.getByRole("navigation", { name: "Studio" }).getByRole("link").allTextContents();

test.describe.configure({ mode: "serial" });

let manager: { context: BrowserContext; page: Page };
let invitee: { context: BrowserContext; page: Page };
let invitationUrl = "";

test.beforeAll(async ({ browser }) => {
  manager = await signedIn(browser, DEMO_STAFF.manager.email);
});
test.afterAll(async () => {
  await manager?.context.close();
  await invitee?.context.close();
});

test("a manager invites a new front-desk person and copies the URL shown once", async () => {
  const { page } = manager;
  await page.goto(TEAM_URL);
  await expect(page.getByRole("heading", { name: "Invite someone" })).toBeVisible();
  // Owners are listed read-only; the manager is marked as themselves, with no actions.
  await expect(page.getByText(DEMO_ACCOUNT.email, { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Remove ${DEMO_STAFF.manager.name}` })).toHaveCount(
    0,
  );
  await expectNoA11yViolations(page);

  await page.getByLabel("Email", { exact: true }).fill(INVITEE.email);
  await expect(page.getByLabel("Role")).toHaveValue("front_desk");
  await expect(page.getByLabel("Language of the email")).toHaveValue("en");
  await page.getByRole("button", { name: "Send invitation" }).click();

  const result = page.getByRole("status").filter({ hasText: `Invitation created for` });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  const shown = await page.getByLabel("Invitation link").inputValue();
  expect(shown).toMatch(new RegExp(`^${APP}/invite/[A-Za-z0-9_-]{43}$`));
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  invitationUrl = await page.evaluate(() => navigator.clipboard.readText());
  expect(invitationUrl).toBe(shown);

  const pending = page.getByRole("region", { name: "Pending invitations" });
  await expect(pending.getByText(INVITEE.email, { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  // Shown once: a reload lists the invitation, never its URL.
  await page.reload();
  await expect(pending.getByText(INVITEE.email, { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(invitationUrl.split("/invite/")[1]);
});

test("the invitee accepts in a fresh browser, sets a password and gets the front-desk tabs", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  invitee = { context, page };
  const response = await page.goto(invitationUrl);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByRole("heading", { name: "Join Latchkey Demo Studio" })).toBeVisible();
  await expect(page.getByText("as Front desk")).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel("Your name").fill(INVITEE.name);
  await page.getByLabel("Choose a password").fill(INVITEE.password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  // Staff of one studio land on its "Today" page, not on a list of one.
  await expect(page).toHaveURL(new RegExp(`${STUDIO_URL}$`));
  await expect(page.getByRole("heading", { name: "Latchkey Demo Studio", level: 1 })).toBeVisible();
  await expect.poll(() => tabs(page)).toEqual(["Today", "Links", "Activity", "Emails"]);
  expect((await page.goto(TEAM_URL))?.status()).toBe(404);
});

test("a used invitation URL, like any unknown one, shows the one generic page", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(invitationUrl);
  await expect(page.getByRole("heading", { name: "This invitation is not valid" })).toBeVisible();
  const used = await page.locator("main").textContent();
  await expectNoA11yViolations(page);
  await page.goto(`/invite/${"A".repeat(43)}`);
  expect(await page.locator("main").textContent()).toBe(used);
  await page.goto("/invite/not-even-a-token");
  expect(await page.locator("main").textContent()).toBe(used);
  await context.close();
});

test("the manager promotes the invitee, whose sessions end; signed in again they see Settings and Team", async () => {
  const { page } = manager;
  await page.goto(TEAM_URL);
  await page.getByRole("button", { name: `Make ${INVITEE.name} manager` }).click();
  await expect(page.getByRole("status").filter({ hasText: "is now Manager" })).toHaveText(
    `${INVITEE.name} is now Manager.`,
  );
  // A role change ends the person's sessions (issue #15): what they could do stops at once.
  await invitee.page.goto(STUDIO_URL);
  await expect(invitee.page).toHaveURL(/\/sign-in$/);
  const again = await invitee.context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email: INVITEE.email, password: INVITEE.password },
  });
  expect(again.status()).toBe(200);
  await invitee.page.goto(STUDIO_URL);
  await expect
    .poll(() => tabs(invitee.page))
    .toEqual([
      "Today",
      "Links",
      "Activity",
      "Emails",
      "Settings",
      "Team",
      "API tokens",
      "Webhooks",
      "Staff audit",
    ]);
  expect((await invitee.page.goto(TEAM_URL))?.status()).toBe(200);
});

test("removal: the invitee's sessions end at once, and nobody can remove themselves", async () => {
  const { page } = manager;
  await page.goto(TEAM_URL);
  await page.getByRole("button", { name: `Remove ${INVITEE.name}` }).click();
  await page.getByRole("button", { name: `Yes, remove ${INVITEE.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "no longer works" })).toBeVisible();
  await expect(page.getByText(INVITEE.email, { exact: true })).toHaveCount(0);

  const res = await invitee.page.request.get(`${APP}/api/studios/${DEMO_IDS.studio}/links`);
  expect(res.status()).toBe(401);

  // The API refuses a self-removal too, not only the page (which offers no button for it).
  const team = await (await page.request.get(`${APP}/api/studios/${DEMO_IDS.studio}/team`)).json();
  const me = team.members.find((m: { you: boolean }) => m.you);
  const self = await page.request.delete(
    `${APP}/api/studios/${DEMO_IDS.studio}/team/members/${me.id}`,
    { headers: { Origin: APP } },
  );
  expect(self.status()).toBe(409);
});

test("the invitation page speaks the language chosen for the invitee, whatever the browser says", async ({
  browser,
}) => {
  const res = await manager.context.request.post(
    `${APP}/api/studios/${DEMO_IDS.studio}/team/invitations`,
    {
      headers: { Origin: APP },
      data: { email: `jonas.${Date.now()}@latchkey.test`, role: "front_desk", locale: "de" },
    },
  );
  expect(res.status()).toBe(201);
  const { url } = (await res.json()) as { url: string };
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await context.close();
});

test("front desk gets a 404 on the team page and the team API", async ({ browser }) => {
  const { context, page } = await signedIn(browser, DEMO_STAFF.frontDesk.email);
  expect((await page.goto(TEAM_URL))?.status()).toBe(404);
  const api = await page.request.get(`${APP}/api/studios/${DEMO_IDS.studio}/team`);
  expect(api.status()).toBe(403);
  await context.close();
});

test("no invitation token ever reaches the server log", () => {
  const log = readFileSync(SERVER_LOG, "utf8");
  expect(log).toContain("latchkey ready");
  const token = invitationUrl.split("/invite/")[1] ?? "";
  expect(token).toHaveLength(43);
  expect(log).not.toContain(token);
});
