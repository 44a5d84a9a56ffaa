import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_IDS } from "../../../lib/demo/constants";
import { issuedTokens } from "./latchkey";

/**
 * The links page as staff use it, for every spec that issues or acts on links through the
 * dashboard: the table on a laptop or tablet, the cards on a phone (both are in the page; only
 * one is visible), one menu per link, "New link" in a side sheet.
 */
export async function openLinks(page: Page, studioId: string = DEMO_IDS.studio) {
  await page.goto(`/dashboard/studios/${studioId}/links`);
  await expect(page.getByRole("button", { name: "New link" })).toBeVisible();
}

/** The visible row (or card) of a guest. */
export function linkRow(page: Page, name: string): Locator {
  return page
    .locator('[data-testid="link-row"]:visible, [data-testid="link-card"]:visible')
    .filter({ hasText: name });
}

export function visibleRows(page: Page): Locator {
  return page.locator('[data-testid="link-row"]:visible, [data-testid="link-card"]:visible');
}

/** Opens a guest's row menu and picks an item by its name ("Extend by a day", "Revoke…"). */
export async function rowAction(page: Page, name: string, item: string) {
  await linkRow(page, name)
    .getByRole("button", { name: `Actions for ${name}` })
    .click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/**
 * Issues a link from the sheet and returns its URL; the sheet stays open on the result (the
 * caller closes it with "Done" or issues another).
 */
export async function issueFromSheet(
  page: Page,
  guest: { name: string; email?: string; locale?: string; preset?: string; externalRef?: string },
): Promise<string> {
  const sheet = page.getByRole("dialog", { name: "New access link" });
  if (!(await sheet.isVisible())) await page.getByRole("button", { name: "New link" }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByLabel("Guest name").fill(guest.name);
  if (guest.email) await sheet.getByLabel("Guest email (optional)").fill(guest.email);
  if (guest.locale) await sheet.getByLabel("Guest's language").selectOption(guest.locale);
  if (guest.preset) await sheet.getByRole("radio", { name: guest.preset }).check();
  if (guest.externalRef)
    await sheet.getByLabel("Booking reference (optional)").fill(guest.externalRef);
  await sheet.getByRole("button", { name: "Issue link" }).click();
  const done = page.getByRole("dialog", { name: `Link ready for ${guest.name}` });
  await expect(done).toBeVisible();
  const url = await done.getByLabel("Access link", { exact: true }).inputValue();
  issuedTokens.push(url.split("/access/")[1] ?? "");
  return url;
}
