import { expect, test, type Page } from "@playwright/test";
import { fromAccountMenu } from "./support/latchkey";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { SPARE_PORT } from "../../playwright.config";
import { startSpareDemo } from "../support/spare-demo";
import { freshTotp, totp } from "../support/totp";
import { expectNoA11yViolations } from "./support/axe";

/**
 * Issue #15 in a browser: TOTP enrolment and sign-in, "require two-factor" for an organization
 * enforced on a member without it, and the staff audit page with its CSV export. Turning on
 * two-factor for the demo's people would change every other spec's sign-in, so this file starts
 * its own demo on the spare port, with its own data.
 */
const ORIGIN = `http://127.0.0.1:${SPARE_PORT}`;
const DATA_DIR = "data/e2e-account-security";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: ORIGIN });

let demo: Awaited<ReturnType<typeof startSpareDemo>>;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startSpareDemo(DATA_DIR, { AUTH_SIGN_INS_PER_MINUTE: "30" });
});
test.afterAll(async () => {
  await demo?.stop();
});

async function signInWithPassword(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

let secret = "";

test("an owner enrols an authenticator app and then signs in with a code", async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithPassword(page, DEMO_ACCOUNT.email);
  await page.waitForURL("**/dashboard");
  await fromAccountMenu(page, "Account");
  await page.waitForURL("**/dashboard/account");
  await expect(page.getByText(/^Off\./)).toBeVisible();
  await page.locator("#enrol-password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoA11yViolations(page);
  secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  expect(secret.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{16,}$/);
  await page.locator("#enrol-code").fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Two-factor sign-in is on.");
  await expect(page.getByRole("list", { name: "Backup codes" }).getByRole("listitem")).toHaveCount(
    10,
  );

  await fromAccountMenu(page, "Sign out");
  await page.waitForURL("**/sign-in");
  await signInWithPassword(page, DEMO_ACCOUNT.email);
  // The password alone is not enough: a code is asked for, and a wrong one is refused.
  await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
  await expectNoA11yViolations(page);
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Code", { exact: true }).fill(totp(secret, Date.now() - 5 * 60_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right. Try the current one.")).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("'require two-factor' sends a member without it to enrol before anything else", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000); // fresh codes may wait for the next 30 s step
  await signInWithPassword(page, DEMO_ACCOUNT.email);
  await page.getByLabel("Code", { exact: true }).fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL("**/dashboard");
  await page.goto("/dashboard/account");
  await page.getByRole("checkbox", { name: /Require two-factor sign-in for everyone/ }).check();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Two-factor is now required for everyone.",
  );

  const member = await browser.newPage({ baseURL: ORIGIN });
  await signInWithPassword(member, DEMO_STAFF.manager.email);
  await member.waitForURL("**/dashboard/account?enrol=required");
  await expect(
    member.getByText("Your organization requires two-factor sign-in. Set it up below"),
  ).toBeVisible();
  // Any other page sends them back; the API refuses them.
  await member.goto(`/dashboard/studios/${DEMO_IDS.studio}`);
  await member.waitForURL("**/dashboard/account?enrol=required");
  const api = await member.request.get(`/api/studios/${DEMO_IDS.studio}/links`);
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("two_factor_required");
  // Once enrolled, they are through.
  await member.locator("#enrol-password").fill(DEMO_ACCOUNT.password);
  await member.getByRole("button", { name: "Set up an authenticator app" }).click();
  const memberSecret = (await member.getByTestId("totp-secret").textContent()) ?? "";
  await member.locator("#enrol-code").fill(await freshTotp(memberSecret));
  await member.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(member.getByRole("main").getByRole("status")).toHaveText(
    "Two-factor sign-in is on.",
  );
  await member.goto(`/dashboard/studios/${DEMO_IDS.studio}`);
  await expect(member).toHaveURL(new RegExp(`/dashboard/studios/${DEMO_IDS.studio}$`));
  await member.close();
});

test("the staff audit page lists changes with who and before/after, filters and exports", async ({
  page,
}) => {
  test.setTimeout(150_000); // fresh codes may wait for the next 30 s step
  await signInWithPassword(page, DEMO_ACCOUNT.email);
  // The code that signed in a moment ago is refused: each code works once.
  const used = await freshTotp(secret);
  await page.getByLabel("Code", { exact: true }).fill(used);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL("**/dashboard");
  await fromAccountMenu(page, "Sign out");
  await page.waitForURL("**/sign-in");
  await signInWithPassword(page, DEMO_ACCOUNT.email);
  await page.getByLabel("Code", { exact: true }).fill(used);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code was used already. Wait for the next one")).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL("**/dashboard");
  const patch = await page.request.patch(`/api/studios/${DEMO_IDS.studio}`, {
    headers: { Origin: ORIGIN },
    data: { name: "Audited Studio" },
  });
  expect(patch.status()).toBe(200);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/staff-audit`);
  const entries = page.getByRole("listitem").filter({ hasText: "Settings · changed" });
  await expect(entries.first()).toContainText(DEMO_ACCOUNT.name);
  await expect(entries.first()).toContainText("Audited Studio");
  await expectNoA11yViolations(page);
  // Owners also see the organization's own change from the previous test.
  await expect(page.getByText("two-factor required for everyone")).toBeVisible();
  await page.getByLabel("Kind of change").selectOption("geofence");
  await expect(page.getByText("No changes recorded yet.")).toBeVisible();
  await page.getByLabel("Kind of change").selectOption("settings");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export as CSV" }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString("utf8");
  expect(text.split("\r\n")[0]).toBe(
    "time,kind,action,subject,actor_kind,actor_name,actor_user_id,changes,ip_hash",
  );
  expect(text).toContain("Audited Studio");
});
