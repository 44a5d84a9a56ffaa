import { expect, test } from "@playwright/test";
import { APP } from "./support/latchkey";

// The benchmark's baseline page (docs/benchmarks.md) exists only with LATCHKEY_BENCH=1 in demo
// mode. The suite's demo runs without the flag, as every real deployment does: it must be a 404.
test("the benchmark's baseline page is a 404 without LATCHKEY_BENCH", async ({ request, page }) => {
  const res = await request.get(`${APP}/bench/baseline`);
  expect(res.status()).toBe(404);
  const response = await page.goto(`${APP}/bench/baseline`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("main[data-nonce-seen]")).toHaveCount(0);
});
