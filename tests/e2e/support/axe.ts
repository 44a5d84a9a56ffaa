import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.2 AA rule set every page and dialog is held to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

/**
 * axe-core on the page as it is now; the violations are listed by rule (with node counts) so a
 * failure says what is wrong. `exclude`: a part axe cannot judge here (the email's sandboxed
 * frame runs no scripts, so axe cannot enter it; the email is checked where it is made).
 * `legacyMode`: check the page without injecting into its frames (the live email preview).
 */
export async function expectNoA11yViolations(
  page: Page,
  options: { exclude?: string; legacyMode?: boolean } = {},
) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (options.legacyMode) builder = builder.setLegacyMode(true);
  if (options.exclude) builder = builder.exclude(options.exclude);
  const results = await builder.analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
