import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { APP, issuedTokens } from "./support/latchkey";
import { expectNoA11yViolations } from "./support/axe";

/**
 * The outbox page and brand templates in the shared demo (emails are captured there). Everything
 * this file changes it creates itself: a link with an email, and two studios of its own.
 */
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1024, height: 900 } });

async function signInAs(request: APIRequestContext, email: string) {
  const res = await request.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
}

async function api<T>(request: APIRequestContext, method: string, path: string, data?: unknown) {
  const res = await request.fetch(`${APP}${path}`, {
    method,
    headers: { Origin: APP },
    ...(data === undefined ? {} : { data }),
  });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (res.status() === 204 ? null : await res.json()) as T;
}

/** A studio of the demo organization, connected to the emulator's demo group. */
async function newStudio(request: APIRequestContext, name: string) {
  const studio = await api<{ id: string }>(request, "POST", "/api/studios", {
    name,
    timeZone: "Europe/Berlin",
  });
  await api(request, "PUT", `/api/studios/${studio.id}/kisi-key`, { apiKey: DEMO_SEED.apiKey });
  await api(request, "PATCH", `/api/studios/${studio.id}`, { kisiGroupId: DEMO_SEED.groupId });
  return studio.id;
}

async function issueWithEmail(request: APIRequestContext, studio: string, name: string) {
  const now = Date.now();
  const link = await api<{ id: string; url: string }>(
    request,
    "POST",
    `/api/studios/${studio}/links`,
    {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.com`,
      locale: "en",
      validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 3_600_000).toISOString(),
    },
  );
  issuedTokens.push(link.url.split("/access/")[1] ?? "");
  return link;
}

test("a captured email is listed on the studio's Emails tab and reads as the guest gets it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page.request, DEMO_ACCOUNT.email);
  const link = await issueWithEmail(page.request, DEMO_IDS.studio, "Olga Outbox");
  const recipient = "olga.outbox@example.com";
  // The worker polls every 5 s; in demo mode it captures instead of sending.
  await expect
    .poll(
      async () => {
        const list = await api<{ items: { recipient: string; status: string }[] }>(
          page.request,
          "GET",
          `/api/studios/${DEMO_IDS.studio}/outbox?status=captured`,
        );
        return list.items.some((e) => e.recipient === recipient);
      },
      { timeout: 20_000 },
    )
    .toBe(true);

  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/outbox`);
  await expect(page.getByRole("heading", { name: "Emails", level: 2 })).toBeVisible();
  await expect(page.getByText("Demo mode: emails are composed and captured here")).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: recipient });
  await expect(item).toContainText("Captured");
  await expect(item).toContainText("Access link · Olga Outbox");
  await expect(item.getByRole("button", { name: /^Resend/ })).toHaveCount(0);
  await expectNoA11yViolations(page, { exclude: "iframe" });

  await item.getByRole("button", { name: `Read — ${recipient}` }).click();
  const reader = page.getByRole("region", { name: "Your access to Latchkey Demo Studio" });
  await expect(reader.getByRole("heading")).toBeFocused();
  const frame = page.frameLocator('iframe[title="The email as the guest sees it"]');
  await expect(frame.getByText("Hi Olga Outbox,")).toBeVisible();
  await expect(frame.getByRole("link", { name: "Open your doors" })).toHaveAttribute(
    "href",
    link.url,
  );
  // Sandboxed: no scripts, forms, popups or navigation; same-origin only so the page can measure
  // it, and the frame shows the whole email (no inner scroll, nothing cut off).
  const emailFrame = page.locator("iframe[sandbox='allow-same-origin']");
  await expect(emailFrame).toHaveCount(1);
  await expect
    .poll(() =>
      emailFrame.evaluate((f: HTMLIFrameElement) => {
        const doc = f.contentDocument!.documentElement;
        return f.clientHeight >= doc.scrollHeight && doc.scrollHeight > 300;
      }),
    )
    .toBe(true);
  await reader.getByText("Plain-text part").click();
  await expect(reader.locator("pre")).toContainText(link.url);
  await expectNoA11yViolations(page, { exclude: "iframe" });
  await reader.getByRole("button", { name: "Close" }).click();
  await expect(item.getByRole("button", { name: `Read — ${recipient}` })).toBeFocused();
});

test("the outbox API answers only a studio's own staff", async ({ playwright }) => {
  const other = await playwright.request.newContext();
  await signInAs(other, DEMO_STAFF.otherOwner.email);
  expect((await other.get(`${APP}/api/studios/${DEMO_IDS.studio}/outbox`)).status()).toBe(404);
  const page = await other.get(`${APP}/dashboard/studios/${DEMO_IDS.studio}/outbox`);
  expect(page.status()).toBe(404);
  await other.dispose();
});

test("an owner makes a brand template from one studio and applies it to another; guests see it", async ({
  page,
  playwright,
}) => {
  test.setTimeout(90_000);
  await signInAs(page.request, DEMO_ACCOUNT.email);
  const stamp = Date.now().toString(36);
  const source = await newStudio(page.request, `Brand source ${stamp}`);
  const target = await newStudio(page.request, `Brand target ${stamp}`);
  await api(page.request, "PATCH", `/api/studios/${source}`, {
    branding: { primaryColor: "#b91c1c", accentColor: "#1e3a8a", supportPhone: "+49 30 999" },
  });

  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Brand templates" }).click();
  await expect(page).toHaveURL(/\/dashboard\/brand-templates$/);
  await expect(page.getByRole("heading", { name: "Brand templates", level: 1 })).toBeVisible();
  await expectNoA11yViolations(page, { exclude: "iframe" });

  const name = `Red ${stamp}`;
  await page.getByLabel("Template name").fill(name);
  await page.getByLabel("Studio", { exact: true }).selectOption({ label: `Brand source ${stamp}` });
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    `Template “${name}” created.`,
  );
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(card).toContainText("#b91c1c");

  await card.getByRole("checkbox", { name: `Brand target ${stamp}` }).check();
  await card.getByRole("button", { name: `Apply to the chosen studios — ${name}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    "was copied onto 1 studio",
  );
  await expectNoA11yViolations(page, { exclude: "iframe" });

  const settings = await api<{ branding: { primaryColor: string; supportPhone: string } }>(
    page.request,
    "GET",
    `/api/studios/${target}`,
  );
  expect(settings.branding).toMatchObject({ primaryColor: "#b91c1c", supportPhone: "+49 30 999" });
  const link = await issueWithEmail(page.request, target, "Tina Template");
  await page.goto(link.url);
  await expect(page.getByRole("heading", { name: "Your doors" })).toBeVisible();
  const primary = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue("--brand-primary").trim(),
  );
  expect(primary.toLowerCase()).toBe("#b91c1c");

  // Another organization's owner: the template is a 404, for reading and for applying.
  const templates = await api<{ templates: { id: string; name: string }[] }>(
    page.request,
    "GET",
    "/api/brand-templates",
  );
  const id = templates.templates.find((t) => t.name === name)!.id;
  const other = await playwright.request.newContext();
  await signInAs(other, DEMO_STAFF.otherOwner.email);
  expect((await other.get(`${APP}/api/brand-templates/${id}`)).status()).toBe(404);
  const apply = await other.post(`${APP}/api/brand-templates/${id}/apply`, {
    headers: { Origin: APP },
    data: { studioIds: [DEMO_IDS.otherStudio] },
  });
  expect(apply.status()).toBe(404);
  expect(
    ((await (await other.get(`${APP}/api/brand-templates`)).json()) as { templates: unknown[] })
      .templates,
  ).toEqual([]);
  await other.dispose();

  // A front-desk member has no franchise scope: the page is a 404.
  const desk = await playwright.request.newContext();
  await signInAs(desk, DEMO_STAFF.frontDesk.email);
  expect((await desk.get(`${APP}/dashboard/brand-templates`)).status()).toBe(404);
  await desk.dispose();
});
