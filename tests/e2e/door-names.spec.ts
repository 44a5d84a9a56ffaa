import { devices, expect, test, type Browser } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { APP, issueLink } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

/**
 * A manager names the Front door in German in the door settings; German readers of the
 * dashboard then see that name (settings, the activity), English ones still Kisi's. The name is
 * removed again at the end, so later spec files see the seed.
 */
const STUDIO = `/dashboard/studios/${DEMO_IDS.studio}`;
const DOORS_API = `${APP}/api/studios/${DEMO_IDS.studio}/doors`;
const headers = { Origin: APP };
const RUN = Date.now().toString(36);

test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, locale: string) {
  const context = await browser.newContext({ ...devices["Pixel 7"], locale });
  const res = await context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers,
    data: { email: DEMO_STAFF.manager.email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage(), api: context.request };
}

/** Legacy mode: the settings page holds a sandboxed email frame axe cannot enter. */

test.afterAll(async ({ browser }) => {
  const { context, api } = await signedIn(browser, "en-US");
  const { doors } = (await (await api.get(DOORS_API)).json()) as {
    doors: { id: number; override: { mode: string } }[];
  };
  const front = doors.find((d) => d.id === 5001)!;
  const res = await api.put(DOORS_API, {
    headers,
    data: { lockId: 5001, ...front.override, displayNames: { de: "" } },
  });
  expect(res.status(), await res.text()).toBe(200);
  await context.close();
});

test("a manager names the Front door in German; the settings, the activity and the guest page show it", async ({
  browser,
}) => {
  // One journey across settings, activity, three guest pages and an email: longer than one page.
  test.slow();
  const { context, page, api } = await signedIn(browser, "en-US");
  await page.goto(`${STUDIO}/settings?section=doors`);
  const front = page.getByRole("form", { name: "Front door" });
  // The studio's language first, Kisi's name as the placeholder; the others folded away.
  const english = front.getByLabel("English (studio language)");
  await expect(english).toHaveAttribute("placeholder", "Front door");
  await expect(english).toHaveValue("");
  const german = front.getByLabel("Deutsch", { exact: true });
  await expect(german).toBeHidden();
  // The disclosure opens from the keyboard.
  const others = front.getByText("Other languages (0 set)");
  await others.focus();
  await page.keyboard.press("Enter");
  await expect(german).toBeVisible();
  await german.fill("  Haupteingang ");
  await front.getByRole("button", { name: "Save Front door" }).click();
  await expect(front.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  // The form shows what was stored: trimmed.
  await expect(german).toHaveValue("Haupteingang");
  await expectNoA11yViolations(page, { legacyMode: true });

  // Stored: after a reload the disclosure counts it and the field holds it.
  await page.reload();
  await front.getByText("Other languages (1 set)").click();
  await expect(front.getByLabel("Deutsch", { exact: true })).toHaveValue("Haupteingang");
  const { doors } = (await (await api.get(DOORS_API)).json()) as {
    doors: { id: number; displayNames: Record<string, string> }[];
  };
  expect(doors.find((d) => d.id === 5001)?.displayNames).toEqual({ de: "Haupteingang" });

  // A guest opens the Front door, so the activity has an attempt at it.
  const name = `Door names ${RUN}`;
  const link = await issueLink(api, { name });
  const guest = await context.newPage();
  const unlocked = await guest.request.post(`${APP}/api/access/doors/5001/unlock`, {
    headers: {
      ...headers,
      Authorization: `Bearer ${link.token}`,
      "Content-Type": "application/json",
    },
    data: {},
  });
  expect(unlocked.status(), await unlocked.text()).toBe(200);
  await guest.close();

  // An English reader still sees Kisi's name (no English name was set) …
  await page.goto(`${STUDIO}/activity`);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("Front door");
  await context.close();

  // … a German reader the German name, in the activity and on the link's page.
  const de = await signedIn(browser, "de-DE");
  await de.page.goto(`${STUDIO}/activity`);
  const attempt = de.page.getByRole("listitem").filter({ hasText: name });
  await expect(attempt).toContainText("Haupteingang");
  await expect(attempt).not.toContainText("Front door");
  await de.page.goto(`${STUDIO}/links/${link.id}`);
  await expect(
    de.page.getByRole("listitem").filter({ hasText: "Haupteingang" }).first(),
  ).toBeVisible();
  // The German settings page: the studio's language labelled in German, the name kept.
  await de.page.goto(`${STUDIO}/settings?section=doors`);
  const deFront = de.page.getByRole("form", { name: "Front door" });
  await expect(deFront.getByLabel("English (Sprache des Studios)")).toBeVisible();
  await deFront.getByText("Weitere Sprachen (1 festgelegt)").click();
  await expect(deFront.getByLabel("Deutsch", { exact: true })).toHaveValue("Haupteingang");

  // The guest's page: a German link names the door in German, an English one as Kisi does.
  const guestContext = await browser.newContext({ ...devices["Pixel 7"] });
  const deGuest = await guestContext.newPage();
  await deGuest.goto((await issueLink(de.context.request, { name, locale: "de" })).url);
  await expect(deGuest.getByRole("button", { name: "Haupteingang" })).toContainText(
    "Zum Öffnen tippen",
  );
  await expect(deGuest.getByRole("button", { name: "Front door" })).toHaveCount(0);
  await deGuest.goto((await issueLink(de.context.request, { name, locale: "en" })).url);
  await expect(deGuest.getByRole("button", { name: "Front door" })).toBeVisible();
  await guestContext.close();
  await de.context.close();
});
