import { expect, test, type Browser } from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "../../lib/demo/constants";
import { APP } from "./support/latchkey";

/**
 * Audit retention and the audit export as the dashboard offers them: owners choose how long the
 * organization keeps its unlock attempts, managers see the choice and download the audit, front
 * desk gets neither; a bad cursor is a 400. The retention is put back to "keep everything".
 */
const SETTINGS = `/dashboard/studios/${DEMO_IDS.studio}/settings`;
const RETENTION = `${APP}/api/studios/${DEMO_IDS.studio}/audit-retention`;
const EXPORT = `${APP}/api/studios/${DEMO_IDS.studio}/activity/export`;
const headers = { Origin: APP };

test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const res = await context.request.post(`${APP}/api/auth/sign-in/email`, {
    headers,
    data: { email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage(), api: context.request };
}

test.afterAll(async ({ browser }) => {
  const { context, api } = await signedIn(browser, DEMO_ACCOUNT.email);
  expect((await api.put(RETENTION, { headers, data: { months: null } })).status()).toBe(200);
  await context.close();
});

test("an owner sets the audit retention in the settings; it holds after a reload", async ({
  browser,
}) => {
  const { context, page, api } = await signedIn(browser, DEMO_ACCOUNT.email);
  await page.goto(SETTINGS);
  const section = page.getByRole("region", { name: "Unlock history retention" });
  const select = section.getByLabel("Keep unlock attempts for");
  await expect(select).toHaveValue("");
  await select.selectOption({ label: "13 months" });
  await section.getByRole("button", { name: "Save retention" }).click();
  await expect(section.getByText("Saved. Older attempts will be deleted")).toBeVisible();
  expect(await (await api.get(RETENTION)).json()).toEqual({ months: 13 });
  await page.reload();
  await expect(page.getByLabel("Keep unlock attempts for")).toHaveValue("13");
  // Anything but the offered months is refused, with the field named.
  const bad = await api.put(RETENTION, { headers, data: { months: 7 } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.issues[0].path).toBe("months");
  await context.close();
});

test("a manager sees the retention without changing it and downloads the audit as CSV", async ({
  browser,
}) => {
  const { context, page, api } = await signedIn(browser, DEMO_STAFF.manager.email);
  await page.goto(SETTINGS);
  const section = page.getByRole("region", { name: "Unlock history retention" });
  await expect(section.getByText("Only owners can change this.")).toBeVisible();
  await expect(section.getByRole("combobox")).toHaveCount(0);
  const download = page.waitForEvent("download");
  await section.getByRole("link", { name: "Download this studio's unlock history (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^latchkey-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  expect((await api.put(RETENTION, { headers, data: { months: 12 } })).status()).toBe(403);
  const csv = await api.get(EXPORT);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe(
    "\uFEFFtime_utc,guest,link_id,door_id,door,allowed,outcome,distance_m,accuracy_m",
  );
  await context.close();
});

test("front desk gets neither the retention nor the export; a bad cursor is a 400", async ({
  browser,
}) => {
  const { context, api } = await signedIn(browser, DEMO_STAFF.frontDesk.email);
  expect((await api.get(RETENTION)).status()).toBe(403);
  expect((await api.get(EXPORT)).status()).toBe(403);
  const id = "0b6f8a52-3c1e-4c3a-9f43-5b0b7e1f2a10";
  const forged = (at: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");
  for (const cursor of [
    "not-a-cursor",
    forged("+010000-01-01T00:00:00.000000Z"),
    forged("2026-13-01T00:00:00.000000Z"),
  ]) {
    const res = await api.get(
      `${APP}/api/studios/${DEMO_IDS.studio}/activity?cursor=${encodeURIComponent(cursor)}`,
    );
    expect(res.status()).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  }
  await context.close();
});
