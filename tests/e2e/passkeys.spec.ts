import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { fromAccountMenu } from "./support/latchkey";
import { DEMO_ACCOUNT, DEMO_IDS } from "../../lib/demo/constants";
import { SPARE_PORT } from "../../playwright.config";
import { startSpareDemo } from "../support/spare-demo";
import { freshTotp } from "../support/totp";
import { expectNoA11yViolations } from "./support/axe";

/**
 * Passkeys for staff (issue #15) in a browser, with Chromium's virtual authenticator (CDP
 * WebAuthn domain) standing in for a phone's or laptop's platform authenticator: add one on the
 * account page, sign in with it alone — also for an owner with TOTP on, since a verified
 * passkey is two factors — remove it, and a removed passkey no longer signs in. Both changes are
 * in the staff audit.
 *
 * WebAuthn refuses an IP address as relying party, and the shared demo runs on 127.0.0.1; so
 * this file starts its own demo served as http://localhost (a secure context without https),
 * on the spare port with its own data, and turns on two-factor for its owner without touching
 * any other spec's people.
 */
const ORIGIN = `http://localhost:${SPARE_PORT}`;
const DATA_DIR = "data/e2e-passkeys";
const SCREENSHOTS = "test-results/passkeys";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: ORIGIN });

let demo: Awaited<ReturnType<typeof startSpareDemo>>;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startSpareDemo(DATA_DIR, { AUTH_SIGN_INS_PER_MINUTE: "30" }, { host: "localhost" });
  expect(demo.origin).toBe(ORIGIN);
});
test.afterAll(async () => {
  await demo?.stop();
});

/** A platform authenticator that holds discoverable credentials and verifies its user. */
async function virtualAuthenticator(page: Page, { verifiesUser = true } = {}) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: verifiesUser,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () =>
      (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    clear: () => cdp.send("WebAuthn.clearCredentials", { authenticatorId }),
  };
}

async function signInWithPassword(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_ACCOUNT.email);
  await page.getByLabel("Password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signOut(page: Page) {
  await fromAccountMenu(page, "Sign out");
  await page.waitForURL("**/sign-in");
}

test("a passkey is added, signs in alone (TOTP on), is removed and then no longer signs in", async ({
  page,
}) => {
  test.setTimeout(180_000); // a fresh TOTP code may wait for the next 30 s step
  const authenticator = await virtualAuthenticator(page);

  // The owner turns on TOTP first: a passkey sign-in must not ask for the code afterwards.
  await signInWithPassword(page);
  await page.waitForURL("**/dashboard");
  await page.goto("/dashboard/account");
  await page.locator("#enrol-password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.locator("#enrol-code").fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Two-factor sign-in is on.");

  // Adding asks for the password: a wrong one adds nothing (and the authenticator's new key is
  // never stored by the server).
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();
  await page.getByLabel("Name for this passkey").fill("Work laptop");
  await page.locator("#passkey-password").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "That did not match. Check your password or code" }),
  ).toBeVisible();
  await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();
  // The device made a key pair the server never stored; forget it, so the sign-in below is not
  // offered two passkeys to choose from (a real device would keep it, unusable).
  await authenticator.clear();

  await page.locator("#passkey-password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Passkey “Work laptop” added. You can now sign in with it.",
  );
  const list = page.getByRole("list", { name: "Your passkeys" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem").first()).toContainText("Work laptop");
  expect(await authenticator.credentials()).toHaveLength(1);
  await expectNoA11yViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/account-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SCREENSHOTS}/account-laptop.png`, fullPage: true });
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 412, height: 839 });

  // The passkey alone: no email, no password, no code.
  await signOut(page);
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toHaveCount(
    0,
  );
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A real session: the API answers as the owner.
  const links = await page.request.get(`/api/studios/${DEMO_IDS.studio}/links`);
  expect(links.status()).toBe(200);

  // Removing asks for the password too.
  await page.goto("/dashboard/account");
  await page.getByRole("button", { name: "Remove passkey Work laptop" }).click();
  await page.locator("#remove-passkey-password").fill(DEMO_ACCOUNT.password);
  await page.getByRole("button", { name: "Remove passkey", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Passkey “Work laptop” removed. It can no longer sign you in.",
  );
  await expect(passkeys.getByText("You have no passkeys yet.")).toBeVisible();

  // The staff audit shows both changes, by the owner.
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/staff-audit`);
  const added = page.getByRole("listitem").filter({ hasText: "added a passkey" });
  const removed = page.getByRole("listitem").filter({ hasText: "removed a passkey" });
  await expect(added.first()).toContainText("Work laptop");
  await expect(added.first()).toContainText(DEMO_ACCOUNT.name);
  await expect(removed.first()).toContainText("Work laptop");
  await expect(removed.first()).toContainText(DEMO_ACCOUNT.name);

  // The authenticator still holds the key, but the server no longer knows it.
  await signOut(page);
  expect(await authenticator.credentials()).toHaveLength(1);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(
    page.getByRole("alert").filter({
      hasText:
        "That passkey was not accepted. It may have been removed; sign in with your password instead.",
    }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  const session = await page.request.get("/api/auth/get-session");
  expect(await session.json()).toBeNull();
});

test("the passkey endpoints are served only as listed, for the configured relying party", async ({
  page,
}) => {
  // Renaming is not offered; an options request without a session still works (sign-in).
  const rename = await page.request.post("/api/auth/passkey/update-passkey", {
    headers: { Origin: ORIGIN },
    data: { id: "x", name: "y" },
  });
  expect(rename.status()).toBe(404);
  const options = await page.request.get("/api/auth/passkey/generate-authenticate-options");
  expect(options.status()).toBe(200);
  const body = (await options.json()) as { rpId?: string; challenge?: string };
  // The relying party is the configured origin's host, never the request's.
  expect(body.rpId).toBe("localhost");
  expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  const register = await page.request.get("/api/auth/passkey/generate-register-options");
  expect(register.status()).toBe(401);
});
