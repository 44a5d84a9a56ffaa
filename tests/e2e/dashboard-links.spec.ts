import AxeBuilder from "@axe-core/playwright";
import { devices, expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { APP, DEMO_IDS, issuedTokens, ownerContexts } from "./support/latchkey";
import { issueFromSheet, linkRow, openLinks, rowAction, visibleRows } from "./support/links-ui";

/**
 * Issue #12, the links half: the front desk's journeys on the links table and the issue sheet at
 * a laptop, an iPad Mini in portrait and landscape, and a phone — each asserted, axe-clean on the
 * page, the sheet and the menu, with a screenshot per size in test-results/dashboard/.
 */
const STUDIO = DEMO_IDS.studio;
const RUN = Date.now().toString(36);
// Contexts made in a test inherit the project's device (a phone): each size says all of its own.
const SIZES = {
  laptop: {
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
  },
  "ipad-portrait": devices["iPad Mini"],
  "ipad-landscape": devices["iPad Mini landscape"],
  phone: devices["Pixel 7"],
} as const;
type Size = keyof typeof SIZES;

async function expectNoA11yViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]);
  if (include) builder.include(include);
  const results = await builder.analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const ownerContext = ownerContexts();

const staffPage = (browser: Browser, size: Size, timezoneId = "Europe/Berlin") =>
  ownerContext(browser, { ...(SIZES[size] as Record<string, unknown>), timezoneId });

const shot = (page: Page, size: Size, name: string) =>
  page.screenshot({ path: `test-results/dashboard/${size}-${name}.png` });

/** A link through the Studio API, with an address and a window relative to now. */
async function seed(page: Page, name: string, fromInS: number, untilInS: number, email?: string) {
  const now = Date.now();
  const res = await page.request.post(`${APP}/api/studios/${STUDIO}/links`, {
    headers: { Origin: APP },
    data: {
      name,
      ...(email ? { email } : {}),
      validFrom: new Date(now + fromInS * 1000).toISOString(),
      validUntil: new Date(now + untilInS * 1000).toISOString(),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; url: string };
  issuedTokens.push(body.url.split("/access/")[1] ?? "");
  return body;
}

/** Presses Tab (or Shift+Tab) until `target` has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error("never reached by Tab");
}

/** Rows whose whole box is inside the viewport, without scrolling. */
const rowsInView = (page: Page) =>
  visibleRows(page).evaluateAll(
    (rows) => rows.filter((r) => r.getBoundingClientRect().bottom <= window.innerHeight).length,
  );

// In order (the first test seeds the rows), but one failure does not skip the other journeys.
test.describe.configure({ timeout: 90_000 });

test("enough links to fill a screen exist", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "laptop");
  for (let i = 0; i < 26; i++) await seed(page, `Filler ${RUN} ${i}`, -60, 3600 * 5);
  await context.close();
});

for (const size of Object.keys(SIZES) as Size[]) {
  test.describe(size, () => {
    test(`${size}: the table is dense enough and every part of it is axe-clean`, async ({
      browser,
    }) => {
      const { context, page } = await staffPage(browser, size);
      await openLinks(page);
      await expect(visibleRows(page).first()).toBeVisible();
      await shot(page, size, "links");
      await expectNoA11yViolations(page);
      const inView = await rowsInView(page);
      if (size === "laptop") expect(inView).toBeGreaterThanOrEqual(15);
      if (size === "ipad-landscape") expect(inView).toBeGreaterThanOrEqual(10);
      // Phones get cards, everything else the table.
      await expect(
        page.getByTestId(size === "phone" ? "link-card" : "link-row").first(),
      ).toBeVisible();

      // The row menu (…) holds the actions; axe checks the open menu too.
      const first = visibleRows(page).first();
      await first.getByRole("button", { name: /^Actions for / }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await expectNoA11yViolations(page);
      await shot(page, size, "menu");
      await page.keyboard.press("Escape");
      await expect(page.getByRole("menu")).toHaveCount(0);

      // A search with no match says so, and is not "no links yet".
      await page.getByLabel("Search by name or email").fill(`nobody-${RUN}`);
      await expect(page.getByText(`No links match “nobody-${RUN}”`)).toBeVisible();
      await expect(page.getByText("No links yet")).toHaveCount(0);
      await context.close();
    });

    test(`${size}: issue a link for a class and send it`, async ({ browser }) => {
      const { context, page } = await staffPage(browser, size);
      await openLinks(page);
      await page.getByRole("button", { name: "New link" }).click();
      const sheet = page.getByRole("dialog", { name: "New access link" });
      await expect(sheet).toContainText("Times are in the studio's time zone: Europe/Berlin.");
      // The class preset shows the times it gives: now until 90 minutes later, Berlin time.
      const now = new Date();
      const hm = (d: Date) =>
        new Intl.DateTimeFormat("en-GB", {
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZone: "Europe/Berlin",
        }).format(d);
      const preset = sheet.getByRole("radio", { name: /This class/ });
      await expect(preset).toBeChecked();
      // The sheet took its "now" when it opened, a moment before this test's: a minute may
      // have turned in between, so its end is 89–91 minutes from this test's now.
      const ends = [89, 90, 91].map((m) => hm(new Date(now.getTime() + m * 60_000)));
      await expect(sheet.locator("label").filter({ hasText: /This class/ })).toContainText(
        new RegExp(ends.join("|")),
      );
      await expectNoA11yViolations(page);
      await shot(page, size, "sheet");

      // Errors sit on their fields: an empty name is refused before anything is sent.
      await sheet.getByRole("button", { name: "Issue link" }).click();
      await expect(sheet.getByLabel("Guest name")).toHaveAttribute("aria-invalid", "true");

      const name = `Class ${size} ${RUN}`;
      await issueFromSheet(page, {
        name,
        email: `class-${size}@example.com`,
        preset: "This class",
      });
      const done = page.getByRole("dialog", { name: `Link ready for ${name}` });
      await expect(done).toContainText(`On its way to class-${size}@example.com`);
      await expect(done).toContainText("English");
      await done.getByRole("button", { name: "Send the email again" }).click();
      await expect(done.getByText("The email is queued again.")).toBeVisible();
      await shot(page, size, "issued");
      await expectNoA11yViolations(page);
      // Issuing the next one is one click, and it lands on the name.
      await done.getByRole("button", { name: "Issue another" }).click();
      await expect(
        page.getByRole("dialog", { name: "New access link" }).getByLabel("Guest name"),
      ).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(linkRow(page, name)).toContainText("Active");
      await context.close();
    });

    test(`${size}: find yesterday's guest and resend`, async ({ browser }) => {
      const { context, page } = await staffPage(browser, size);
      const name = `Yesterday ${size} ${RUN}`;
      await seed(page, name, -26 * 3600, 6 * 3600, `yesterday-${size}@example.com`);
      await openLinks(page);
      await page.getByLabel("Search by name or email").fill(name);
      await expect(visibleRows(page)).toHaveCount(1);
      await expect(linkRow(page, name)).toContainText("yesterday");
      await rowAction(page, name, "Resend email");
      await expect(page.getByText(`The email to ${name} is on its way again.`)).toBeVisible();
      await context.close();
    });

    test(`${size}: revoke three links at once`, async ({ browser }) => {
      const { context, page } = await staffPage(browser, size);
      const prefix = `Trio ${size} ${RUN}`;
      for (const n of [1, 2, 3]) await seed(page, `${prefix} ${n}`, -60, 3600);
      await openLinks(page);
      await page.getByLabel("Search by name or email").fill(prefix);
      await expect(visibleRows(page)).toHaveCount(3);
      for (const n of [1, 2, 3])
        await linkRow(page, `${prefix} ${n}`).getByRole("checkbox").check();
      const bar = page.getByRole("region", { name: "Selected links" });
      await expect(bar).toContainText("3 selected");
      await bar.getByRole("button", { name: "Revoke (3)" }).click();
      const confirm = page.getByRole("dialog", { name: "Revoke 3 links?" });
      await expectNoA11yViolations(page);
      await confirm.getByRole("button", { name: "Revoke 3 links" }).click();
      await expect(page.getByText("3 links revoked")).toBeVisible();
      for (const n of [1, 2, 3])
        await expect(linkRow(page, `${prefix} ${n}`)).toContainText("Revoked");
      await context.close();
    });
  });
}

test("keyboard only: issue a link and revoke it", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "laptop");
  await openLinks(page);
  const name = `Keys ${RUN}`;
  await tabTo(page, page.getByRole("button", { name: "New link" }));
  await page.keyboard.press("Enter");
  const sheet = page.getByRole("dialog", { name: "New access link" });
  await expect(sheet).toBeVisible();
  await tabTo(page, sheet.getByLabel("Guest name"));
  await page.keyboard.type(name);
  await tabTo(page, sheet.getByRole("button", { name: "Issue link" }));
  await page.keyboard.press("Enter");
  const done = page.getByRole("dialog", { name: `Link ready for ${name}` });
  await expect(done.getByRole("heading", { name: `Link ready for ${name}` })).toBeFocused();
  issuedTokens.push(
    (await done.getByLabel("Access link", { exact: true }).inputValue()).split("/access/")[1] ?? "",
  );
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "New link" })).toBeFocused();

  // The search sits before "New link": back a few stops, not round the whole table.
  await tabTo(page, page.getByLabel("Search by name or email"), { backwards: true });
  await page.keyboard.type(name);
  await expect(visibleRows(page)).toHaveCount(1);
  await tabTo(page, page.getByRole("button", { name: `Actions for ${name}` }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  // Arrow keys move through the menu; type-ahead is Radix's, but Revoke is last: End.
  await page.keyboard.press("End");
  await expect(page.getByRole("menuitem", { name: "Revoke…" })).toBeFocused();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: `Revoke ${name}'s link?` });
  await tabTo(page, confirm.getByRole("button", { name: `Revoke ${name}'s link` }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${name}'s link was revoked.`)).toBeVisible();
  await expect(linkRow(page, name)).toContainText("Revoked");
  await context.close();
});

test("a custom window across the clock change is the studio's time, not the browser's: stored, listed and mailed alike", async ({
  browser,
}) => {
  // The studio is in Berlin; the browser in New York. Europe moves its clocks on 2027-03-28.
  const { context, page } = await staffPage(browser, "laptop", "America/New_York");
  await openLinks(page);
  await page.getByRole("button", { name: "New link" }).click();
  const sheet = page.getByRole("dialog", { name: "New access link" });
  const name = `DST ${RUN}`;
  await sheet.getByLabel("Guest name").fill(name);
  await sheet.getByLabel("Guest email (optional)").fill("dst@example.com");
  await sheet.getByRole("radio", { name: "Custom" }).check();
  await sheet.getByLabel("Starts (Europe/Berlin)").fill("2027-03-27T18:00");
  // An end before the start is refused on the end field, in words.
  await sheet.getByLabel("Ends (Europe/Berlin)").fill("2027-03-27T17:00");
  await sheet.getByRole("button", { name: "Issue link" }).click();
  await expect(sheet.locator("#issue-until-error")).toBeVisible();
  await expect(sheet.getByLabel("Ends (Europe/Berlin)")).toHaveAttribute("aria-invalid", "true");
  await sheet.getByLabel("Ends (Europe/Berlin)").fill("2027-03-28T18:00");
  await sheet.getByRole("button", { name: "Issue link" }).click();
  const done = page.getByRole("dialog", { name: `Link ready for ${name}` });
  await expect(done).toContainText(/Sat 27 Mar.*18:00.*Sun 28 Mar.*18:00/);
  const url = await done.getByLabel("Access link", { exact: true }).inputValue();
  issuedTokens.push(url.split("/access/")[1] ?? "");
  await page.keyboard.press("Escape");

  // Stored: 18:00 CET is 17:00 UTC, 18:00 CEST is 16:00 UTC (a 23-hour day).
  const list = (await (
    await page.request.get(`${APP}/api/studios/${STUDIO}/links?q=${encodeURIComponent(name)}`)
  ).json()) as { items: { id: string; validFrom: string; validUntil: string }[] };
  expect(list.items).toHaveLength(1);
  expect(list.items[0]).toMatchObject({
    validFrom: "2027-03-27T17:00:00.000Z",
    validUntil: "2027-03-28T16:00:00.000Z",
  });
  // Listed: the same wall-clock times.
  await page.getByLabel("Search by name or email").fill(name);
  const row = linkRow(page, name);
  await expect(row).toContainText("27 Mar 2027, 18:00");
  await expect(row).toContainText("28 Mar 2027, 18:00");
  // Mailed: the email says the same times.
  await expect(async () => {
    const outbox = (await (
      await page.request.get(`${APP}/api/studios/${STUDIO}/outbox`)
    ).json()) as { items: { id: string; link: { id: string } | null }[] };
    const email = outbox.items.find((e) => e.link?.id === list.items[0]!.id);
    expect(email).toBeTruthy();
    const read = (await (
      await page.request.get(`${APP}/api/studios/${STUDIO}/outbox/${email!.id}`)
    ).json()) as { content: { text: string } };
    // In the guest's language and its conventions (en: 12-hour), the same wall-clock times.
    expect(read.content.text).toContain("March 27, 2027 at 6:00 PM");
    expect(read.content.text).toContain("March 28, 2027 at 6:00 PM");
  }).toPass({ timeout: 15_000 });
  await context.close();
});

// Known defect, open: times out (90 s) after creating the unready studio through the API, in
// the full run; not yet diagnosed. The same refusal is covered by tests/unit/studios/readiness
// and the onboarding journey of dashboard-settings.spec.ts.
test("a booking reference given in the sheet finds the link through the API and shows on its page", async ({
  browser,
}) => {
  const { context, page } = await staffPage(browser, "laptop");
  await openLinks(page);
  const ref = `booking-${RUN}`;
  await issueFromSheet(page, { name: `Booked ${RUN}`, externalRef: ref });
  await page.getByRole("button", { name: "Done" }).click();
  const found = await page.request.get(
    `${APP}/api/studios/${DEMO_IDS.studio}/links?externalRef=${encodeURIComponent(ref)}`,
  );
  expect(found.status()).toBe(200);
  const { items: links } = (await found.json()) as {
    items: { id: string; externalRef: string }[];
  };
  expect(links.map((l) => l.externalRef)).toEqual([ref]);
  await page.goto(`/dashboard/studios/${DEMO_IDS.studio}/links/${links[0]!.id}`);
  await expect(page.getByRole("term").filter({ hasText: "Booking reference" })).toBeVisible();
  await expect(page.getByRole("main").getByText(ref, { exact: true })).toBeVisible();
  await context.close();
});

test("a studio that cannot issue says why, beside a disabled New link", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "laptop");
  // A studio of the demo organisation without a Kisi key yet, made through the API.
  const created = await page.request.post(`${APP}/api/studios`, {
    headers: { Origin: APP },
    data: { name: `Unready ${RUN}`, timeZone: "Europe/Berlin" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/dashboard/studios/${id}/links`);
  const button = page.getByRole("button", { name: "New link" });
  await expect(button).toHaveAttribute("aria-disabled", "true");
  await expect(button).toHaveAccessibleDescription(/the studio has no Kisi key/);
  // aria-disabled (it stays focusable and keeps its reason): Playwright would wait for it to be
  // enabled, so the click is forced, as a person would tap it anyway.
  await button.click({ force: true });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Finish the settings" })).toHaveAttribute(
    "href",
    `/dashboard/studios/${id}/settings`,
  );
  await expectNoA11yViolations(page);
  await context.close();
});
