import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { KISI_PORT } from "../../playwright.config";

test.describe("health", () => {
  test("reports the embedded database as healthy in demo mode", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", mode: "demo", checks: { database: "ok" } });
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(res.headers()["referrer-policy"]).toBe("no-referrer");
  });
});

test.describe("home page", () => {
  // A phone's language setting is what the browser sends as Accept-Language.
  const phones = [
    { locale: "en-US", heading: "Guest access for studios on Kisi" },
    { locale: "fr-CH", heading: "L'accès invité pour les studios équipés de Kisi" },
    { locale: "de-DE", heading: "Gastzugang für Studios mit Kisi" },
    { locale: "nl-BE", heading: "Gasttoegang voor studio's met Kisi" },
  ];
  for (const { locale, heading } of phones) {
    test(`speaks the language of a phone set to ${locale}`, async ({ browser }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", locale.slice(0, 2));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await context.close();
    });
  }

  const headers = [
    ["ja, es;q=0.5", "es"],
    ["it;q=0, de;q=0.1", "de"],
    ["pt-BR", "en"],
  ] as const;
  for (const [acceptLanguage, lang] of headers) {
    test(`negotiates ${lang} from Accept-Language: ${acceptLanguage}`, async ({ request }) => {
      const html = await (
        await request.get("/", { headers: { "Accept-Language": acceptLanguage } })
      ).text();
      expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
    });
  }

  test("the NEXT_LOCALE cookie wins over Accept-Language", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: "de-DE" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "it", url: baseURL }]);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(page.getByText("Modalità demo")).toBeVisible();
    await context.close();
  });

  test("shows the demo badge, uses the self-hosted font and has no accessibility violations", async ({
    page,
  }) => {
    const foreign: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith("http://127.0.0.1:")) foreign.push(req.url());
    });
    await page.goto("/");
    await expect(page.getByText("Demo mode")).toBeVisible();
    const fontFamily = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(fontFamily).toMatch(/inter/i);
    expect(foreign).toEqual([]);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("sends the baseline security headers and no X-Powered-By", async ({ request }) => {
    const res = await request.get("/");
    const headers = res.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("geolocation=(self)");
    expect(headers["x-powered-by"]).toBeUndefined();
  });
});

test("an unknown page gets a localized 404", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  // No layout wraps a URL that matches no route (app/global-not-found.tsx renders its document).
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page).toHaveTitle("Page introuvable");
  await context.close();
});

test("the demo's Kisi emulator serves the demo organization", async ({ request }) => {
  const res = await request.get(`http://127.0.0.1:${KISI_PORT}/groups`, {
    headers: { Authorization: `KISI-LOGIN ${DEMO_SEED.apiKey}` },
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).map((g: { name: string }) => g.name)).toContain("Latchkey guests");
});

test("only sign-in, sign-out and the session are served from better-auth: no public sign-up", async ({
  request,
}) => {
  const signUp = await request.post("/api/auth/sign-up/email", {
    headers: { origin: new URL(test.info().project.use.baseURL ?? "http://127.0.0.1").origin },
    data: { email: "mallory@evil.example", name: "Mallory", password: "p".repeat(16) },
  });
  expect(signUp.status()).toBe(404);
  expect((await signUp.json()).error.code).toBe("not_found");
  const reset = await request.post("/api/auth/request-password-reset", {
    data: { email: "owner@latchkey.test" },
  });
  expect(reset.status()).toBe(404);
  const session = await request.get("/api/auth/get-session");
  expect(session.status()).toBe(200);
});
