import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { APP, DEMO_IDS, issueLink, kisi, signIn } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";
import { linkRow, rowAction, visibleRows } from "./support/links-ui";

const STUDIO = `/dashboard/studios/${DEMO_IDS.studio}`;
const RUN = Date.now().toString(36);

let api: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  api = await playwright.request.newContext();
  await signIn(api);
});
test.afterAll(() => api.dispose());

/** A tablet-sized page signed in as the demo owner (the API context's session). */
async function ownerPage(browser: Browser) {
  const context = await browser.newContext({
    storageState: await api.storageState(),
    viewport: { width: 1024, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP });
  return { context, page: await context.newPage() };
}

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe.configure({ mode: "serial" });

test("a CSV with a bad row: the preview names it, the rest are issued with one Kisi create each", async ({
  browser,
}) => {
  const { context, page } = await ownerPage(browser);
  await page.goto(`${STUDIO}/links`);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(new RegExp(`${STUDIO}/links/bulk$`));
  await expect(page.getByRole("link", { name: "Links", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expectNoA11yViolations(page);

  const csv = [
    "name,email,language,valid_from,valid_until",
    `Bulk ${RUN} One,one@example.com,fr,${day(0)} 00:00,${day(2)} 18:00`,
    `"Bulk ${RUN}, Two",,,${new Date(Date.now() - 60_000).toISOString()},${day(3)}T18:00:00+01:00`,
    `Bulk ${RUN} Bad,not-an-email,en,${day(0)} 00:00,${day(2)} 18:00`,
    `Bulk ${RUN} Three,,de,${day(1)} 09:00,${day(1)} 18:00`,
  ].join("\n");
  await page.getByLabel("Or paste the CSV").fill(csv);
  await page.getByRole("button", { name: "Check the rows" }).click();

  await expect(page.getByRole("heading", { name: "3 rows are ready" })).toBeFocused();
  await expect(page.getByText("1 row needs fixing")).toBeVisible();
  await expect(page.getByText("Row 4 · email: Not a valid email address.")).toBeVisible();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(4); // header + 3
  await expectNoA11yViolations(page);

  await kisi.clearRequests(api);
  await page.getByRole("button", { name: "Issue 3 valid links" }).click();
  const bar = page.getByRole("progressbar", { name: "Issuing links" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "Finished" })).toHaveText(
    "Finished: 3 issued, 0 failed.",
  );
  await expect(page).toHaveURL(/\?batch=[0-9a-f-]{36}$/);
  await expectNoA11yViolations(page);

  const creates = (await kisi.requests(api)).filter(
    (r) => r.method === "POST" && r.path === "/group_links" && r.status === 200,
  );
  expect(creates).toHaveLength(3);
  expect(creates.every((r) => !JSON.stringify(r.body).includes("@example.com"))).toBe(true);

  await page.goto(`${STUDIO}/links`);
  await page.getByLabel("Search by name or email").fill(`Bulk ${RUN}`);
  await expect(visibleRows(page)).toHaveCount(3);
  await expect(linkRow(page, "Bad")).toHaveCount(0);
  await context.close();
});

test("a link's QR code opens in a dialog as an SVG and closes with Escape", async ({ browser }) => {
  const { context, page } = await ownerPage(browser);
  await page.goto(`${STUDIO}/links`);
  await page.getByLabel("Search by name or email").fill(`Bulk ${RUN} One`);
  const button = page.getByRole("button", { name: `Actions for Bulk ${RUN} One` });
  await rowAction(page, `Bulk ${RUN} One`, "Show QR code");
  const dialog = page.getByRole("dialog", { name: `QR code for Bulk ${RUN} One` });
  await expect(dialog).toBeVisible();
  await expect(
    dialog.getByRole("img", { name: `QR code of Bulk ${RUN} One's access link` }),
  ).toBeVisible();
  await expect(dialog.getByRole("img", { name: /^QR code of/ })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await context.close();
});

test("a link's detail page and the studio's activity show an unlock and a denied attempt", async ({
  browser,
}) => {
  const name = `Audit ${RUN}`;
  const link = await issueLink(api, { name });
  const guest = await browser.newPage();
  await guest.goto(link.url);
  await guest.getByRole("button", { name: "Front door" }).click();
  await expect(guest.getByRole("button", { name: "Front door" })).toContainText("Open — go ahead");
  // A door that is not one of the link's: refused, and audited all the same.
  const status = await guest.evaluate(
    (token) =>
      fetch("/api/access/doors/5004/unlock", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: "{}",
      }).then((r) => r.status),
    link.token,
  );
  expect(status).toBe(404);
  await guest.close();

  const { context, page } = await ownerPage(browser);
  await page.goto(`${STUDIO}/links/${link.id}`);
  await expect(page.getByRole("heading", { name: `${name}'s link` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Links", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const attempts = page.getByRole("region", { name: "Unlock attempts" }).getByRole("listitem");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText("Denied");
  await expect(attempts.nth(0)).toContainText("Not one of the link's doors");
  await expect(attempts.nth(1)).toContainText("Allowed");
  await expect(attempts.nth(1)).toContainText("Unlocked");
  await expect(attempts.nth(1)).toContainText("Front door");
  await expectNoA11yViolations(page);

  await page.getByLabel("Show").selectOption("denied");
  await expect(attempts).toHaveCount(1);

  await page.goto(`${STUDIO}/activity`);
  await expect(page.getByRole("heading", { name: "Recent unlock attempts" })).toBeVisible();
  const mine = page.getByRole("listitem").filter({ hasText: name });
  await expect(mine).toHaveCount(2);
  await expectNoA11yViolations(page);
  await page.getByLabel("Show").selectOption("allowed");
  await expect(mine).toHaveCount(1);
  await mine.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`${STUDIO}/links/${link.id}$`));
  await context.close();
});

test("another organization's owner gets a 404 for the batch, audit and activity APIs", async ({
  playwright,
}) => {
  const other = await playwright.request.newContext();
  const res = await other.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email: "owner@other.test", password: "latchkey-demo-owner" },
  });
  expect(res.status()).toBe(200);
  for (const path of [
    `/api/studios/${DEMO_IDS.studio}/activity`,
    `/api/studios/${DEMO_IDS.studio}/links/bulk/template`,
  ]) {
    expect((await other.get(`${APP}${path}`)).status(), path).toBe(404);
  }
  await other.dispose();
});
