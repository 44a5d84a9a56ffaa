import { mkdirSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "@playwright/test";
import { deltaE, MIN_STATE_DELTA_E } from "../../lib/brand/door-states";
import { DEMO_SEED } from "../../lib/kisi/emulator/seed";
import { APP, DEMO_IDS, issueLink, kisi, KISI, revokeLink, signIn } from "./support/latchkey";
import { PHONES } from "./support/phones";

/**
 * The guest's page, state by state, as a guest at the door sees it on a Pixel 7 and on an
 * iPhone SE (375×667), in English and German. For each state: its words (from the catalogue),
 * its icon, its colour (computed, and far from the ready colour), the first door above the
 * fold, and no axe violation (WCAG 2.2 AA). Every state is photographed into
 * test-results/guest-page/ for a reviewer.
 */
const FOLD = 667;
const SHOTS = "test-results/guest-page";
mkdirSync(SHOTS, { recursive: true });

type Tree = { [key: string]: string | Tree };
const catalogues = Object.fromEntries(
  ["en", "de"].map((l) => [
    l,
    JSON.parse(readFileSync(`lib/i18n/messages/access.${l}.json`, "utf8")) as Tree,
  ]),
);
const errors = Object.fromEntries(
  ["en", "de"].map((l) => [
    l,
    (JSON.parse(readFileSync(`lib/i18n/messages/${l}.json`, "utf8")) as { Errors: Tree }).Errors,
  ]),
);
/** A message as a pattern: its placeholders match anything. */
function msg(locale: string, key: string, tree: Tree = catalogues[locale]!.AccessPage as Tree) {
  const text = key.split(".").reduce<string | Tree>((t, k) => (t as Tree)[k]!, tree) as string;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{[^}]+\\\}/g, ".+");
  return new RegExp(escaped);
}

let api: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  api = await playwright.request.newContext();
  await signIn(api);
});
test.afterAll(async () => {
  await kisi.clearFaults(api);
  await api.dispose();
});
test.beforeEach(async () => {
  await kisi.clearFaults(api);
  for (const id of DEMO_SEED.guestLockIds)
    await kisi.setLock(api, id, { online: true, locked_down: false });
});

async function phone(browser: Browser, name: string, extra: BrowserContextOptions = {}) {
  const context = await browser.newContext({ ...PHONES[name], ...extra });
  return { context, page: await context.newPage() };
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

async function background(locator: Locator): Promise<string> {
  const rgb = await locator.evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

async function aboveTheFold(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, "the door is laid out").not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(FOLD);
}

const door = (page: Page, name = "Front door") => page.getByRole("button", { name });
/**
 * The queued door's words, as the catalogue's plurals render them: "you're next" or how many are
 * ahead (the other guest's tap may itself count as waiting when it found the lane just used).
 */
const QUEUED: Record<string, RegExp> = {
  en: /Busy — (you're next|1 guest ahead of you|\d+ guests ahead of you), about (1 second|\d+ seconds)/,
  de: /Gerade belegt — (Sie sind als Nächstes dran|1 Gast vor Ihnen|\d+ Gäste vor Ihnen), etwa (1 Sekunde|\d+ Sekunden)/,
};

for (const [device] of Object.entries(PHONES)) {
  for (const locale of ["en", "de"]) {
    const shot = (page: Page, state: string) =>
      page.screenshot({ path: `${SHOTS}/${state}-${device}-${locale}.png` });

    test.describe(`${device}, ${locale}`, () => {
      test("ready, then opened: words, check icon, a green far from the brand", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        await page.goto((await issueLink(api, { locale })).url);
        const front = door(page);
        await expect(front).toHaveAttribute("data-state", "ready");
        await expect(front).toContainText(msg(locale, "door.ready"));
        await aboveTheFold(front);
        await axe(page);
        await shot(page, "ready");
        const ready = await background(front);

        await front.click();
        await expect(front).toHaveAttribute("data-state", "opened");
        await expect(front).toContainText(msg(locale, "door.opened"));
        await expect(front.locator("[data-icon=check]")).toHaveCount(1);
        const opened = await background(front);
        expect(deltaE(opened, ready)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
        await aboveTheFold(front);
        await axe(page);
        await shot(page, "opened");
        await context.close();
      });

      test("failed: the reason on the door, a red far from ready and open, and try again", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        await page.goto((await issueLink(api, { locale })).url);
        const ready = await background(door(page));
        await kisi.fault(api, {
          method: "POST",
          path: "/locks/:id/unlock",
          times: 1,
          action: { kind: "status", status: 403, body: { code: "fcd8ef", error: "Not allowed." } },
        });
        await door(page).click();
        await expect(door(page)).toHaveAttribute("data-state", "failed");
        await expect(door(page)).toContainText(msg(locale, "unknownDoor", errors[locale]));
        await expect(door(page)).toContainText(msg(locale, "door.tryAgain"));
        await expect(door(page).locator("[data-icon=x]")).toHaveCount(1);
        const failed = await background(door(page));
        expect(deltaE(failed, ready)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
        await aboveTheFold(door(page));
        await axe(page);
        await shot(page, "failed");
        // Try again on the door itself.
        await door(page).click();
        await expect(door(page)).toHaveAttribute("data-state", "opened");
        expect(deltaE(await background(door(page)), failed)).toBeGreaterThanOrEqual(
          MIN_STATE_DELTA_E,
        );
        await context.close();
      });

      test("unavailable doors say why before any tap: offline, locked down", async ({
        browser,
      }) => {
        const [, studio1, lockerRoom] = DEMO_SEED.guestLockIds as [number, number, number];
        await kisi.setLock(api, studio1, { online: false });
        await kisi.setLock(api, lockerRoom, { locked_down: true });
        const { context, page } = await phone(browser, device);
        await page.goto((await issueLink(api, { locale })).url);
        await expect(door(page, "Studio 1")).toContainText(msg(locale, "door.doorOffline"));
        await expect(door(page, "Studio 1")).toHaveAttribute("data-reason", "door_offline");
        await expect(door(page, "Studio 1").locator("[data-icon=wifi-off]")).toHaveCount(1);
        await expect(door(page, "Locker room")).toContainText(msg(locale, "door.lockedDown"));
        await expect(door(page, "Locker room").locator("[data-icon=lock]")).toHaveCount(1);
        await expect(door(page, "Studio 1")).toBeDisabled();
        expect(
          deltaE(await background(door(page, "Studio 1")), await background(door(page))),
        ).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
        await axe(page);
        await shot(page, "unavailable");

        await context.setOffline(true);
        await expect(door(page)).toContainText(msg(locale, "door.phoneOffline"));
        await expect(
          page.getByRole("status").filter({ hasText: msg(locale, "offline") }),
        ).toBeVisible();
        await aboveTheFold(door(page));
        await shot(page, "phone-offline");
        await context.setOffline(false);
        await expect(door(page)).toHaveAttribute("data-state", "ready");
        await context.close();
      });

      test("busy is not failure: a retryable refusal shows busy, then opens without a second tap", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        // Every state the door shows, in order, as the page renders them.
        await page.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { doorStates: string[] }).doorStates = seen;
          new MutationObserver(() => {
            const state = document.querySelector("button[data-state]")?.getAttribute("data-state");
            if (state && seen.at(-1) !== state) seen.push(state);
          }).observe(document, { subtree: true, attributes: true, childList: true });
        });
        await page.goto((await issueLink(api, { locale })).url);
        await kisi.clearRequests(api);
        // Kisi's own rate limit, engaged for the first unlock.
        await kisi.fault(api, {
          method: "POST",
          path: "/locks/:id/unlock",
          times: 1,
          action: { kind: "rate_limit", retryAfter: 1 },
        });
        await door(page).click();
        await expect(door(page)).toHaveAttribute("data-state", "busy");
        await expect(door(page)).toContainText(msg(locale, "door.busy"));
        await shot(page, "busy");
        await expect(door(page)).toHaveAttribute("data-state", "opened", { timeout: 15_000 });
        const states = await page.evaluate(
          () => (window as unknown as { doorStates: string[] }).doorStates,
        );
        // Tapped once: it worked, was busy, and ended open — never "failed" on the way.
        expect(states).toContain("busy");
        expect(states.at(-1)).toBe("opened");
        expect(states.indexOf("busy")).toBeLessThan(states.indexOf("opened"));
        expect(states).not.toContain("failed");
        const unlocks = await kisi.unlocks(api, DEMO_SEED.guestLockIds[0]);
        expect(unlocks.map((u) => u.status)).toEqual([429, 200]);
        await context.close();
      });

      test("a class at the door: the tap waits its turn and says how many are ahead", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        await page.goto((await issueLink(api, { locale })).url);
        await expect(door(page)).toHaveAttribute("data-state", "ready");
        await kisi.clearRequests(api);
        // Another guest's unlock holds the studio's Kisi lane for 4 s (Kisi is slow to answer,
        // within the 5 s an unlock may take).
        await kisi.fault(api, {
          method: "POST",
          path: "/locks/:id/unlock",
          times: 1,
          action: { kind: "latency", ms: 4_000 },
        });
        const other = await issueLink(api, { name: "Other Guest" });
        const studio1 = DEMO_SEED.guestLockIds[1]!;
        const ahead = api.post(`${APP}/api/access/doors/${studio1}/unlock`, {
          headers: { Authorization: `Bearer ${other.token}`, Origin: APP },
          data: {},
        });
        await expect.poll(async () => (await kisi.unlocks(api, studio1)).length).toBe(1);

        await door(page).click();
        await expect(door(page)).toHaveAttribute("data-state", "busy");
        await expect(door(page)).toContainText(QUEUED[locale]!);
        await shot(page, "queued");
        await axe(page);
        expect((await ahead).status()).toBe(200);
        await expect(door(page)).toHaveAttribute("data-state", "opened", { timeout: 10_000 });
        await context.close();
      });

      test("the door system unreachable: doors stay listed, the page retries and shows when", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        const link = await issueLink(api, { locale });
        await page.goto(link.url); // seen once: the server now knows this group's doors
        await expect(door(page)).toHaveAttribute("data-state", "ready");
        await kisi.fault(api, {
          method: "GET",
          path: "/locks",
          action: { kind: "status", status: 503 },
        });
        await page.reload();
        await expect(page.getByTestId("system-status")).toContainText(
          msg(locale, "system.unreachableTitle"),
        );
        await expect(page.getByTestId("last-tried")).toContainText(msg(locale, "system.lastTried"));
        await expect(door(page)).toContainText(msg(locale, "door.systemUnreachable"));
        await expect(door(page)).toBeDisabled();
        await aboveTheFold(door(page));
        await axe(page);
        await shot(page, "kisi-unreachable");
        await kisi.clearFaults(api);
        await page.getByTestId("system-status").getByRole("button").click();
        await expect(door(page)).toHaveAttribute("data-state", "ready", { timeout: 10_000 });
        await context.close();
      });

      test("expired and cancelled lead with the state and the studio's contact", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        const revoked = await issueLink(api, { locale });
        await revokeLink(api, revoked.id);
        await page.goto(revoked.url);
        const notice = page.getByTestId("state-notice");
        await expect(notice).toHaveAttribute("data-state", "revoked");
        await expect(notice.getByRole("heading")).toHaveText(msg(locale, "states.revokedTitle"));
        const call = page.locator("[data-contact=call]");
        await expect(call).toHaveAttribute("href", "tel:+49301234567");
        await aboveTheFold(call);
        await expect(page.getByTestId("validity")).toHaveCount(0);
        await axe(page);
        await shot(page, "revoked");

        const expired = await issueLink(api, { locale, fromInS: -120, untilInS: 1 });
        await page.waitForTimeout(1_200);
        await page.goto(expired.url);
        await expect(notice).toHaveAttribute("data-state", "expired");
        await expect(notice.getByRole("heading")).toHaveText(msg(locale, "states.expiredTitle"));
        await aboveTheFold(page.locator("[data-contact=call]"));
        await axe(page);
        await shot(page, "expired");
        await context.close();
      });

      test("scheduled: the doors show when they open, with a calendar entry", async ({
        browser,
      }) => {
        const { context, page } = await phone(browser, device);
        await page.goto((await issueLink(api, { locale })).url); // the group's doors, seen once
        await expect(door(page)).toHaveAttribute("data-state", "ready");
        const link = await issueLink(api, {
          locale,
          fromInS: 2 * 3600 + 14 * 60 + 30,
          untilInS: 4 * 3600,
        });
        await page.goto(link.url);
        await expect(door(page)).toHaveAttribute("data-reason", "not_yet");
        await expect(door(page)).toContainText(/(Opens in|Öffnet in) 2\s?\S+ 1[45]\s?\S+/);
        await aboveTheFold(door(page));
        const calendar = await page.request.get(`${APP}/access/${link.token}/calendar`);
        expect(calendar.headers()["content-type"]).toContain("text/calendar");
        expect(await calendar.text()).toContain("BEGIN:VEVENT");
        await axe(page);
        await shot(page, "scheduled");
        await context.close();
      });

      test("a truncated link says what to do next, revealing nothing", async ({ browser }) => {
        const { context, page } = await phone(browser, device, {
          locale: locale === "de" ? "de-DE" : "en-US",
        });
        const link = await issueLink(api, { locale });
        const response = await page.goto(`${APP}/access/${link.token.slice(0, 30)}`);
        expect(response?.status()).toBe(404);
        const tree = catalogues[locale]!.GuestNotFound as Tree;
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(
          msg(locale, "title", tree),
        );
        await expect(page.getByText(msg(locale, "stepEmail", tree))).toBeVisible();
        await expect(page.getByText("Latchkey Demo Studio")).toHaveCount(0);
        await axe(page);
        await shot(page, "not-found");
        await context.close();
      });
    });
  }
}

test.describe("geofenced, on an iPhone SE", () => {
  const AT_STUDIO = {
    latitude: DEMO_SEED.latitude + 0.0002,
    longitude: DEMO_SEED.longitude,
    accuracy: 12,
  };
  const FAR = { latitude: DEMO_SEED.latitude + 0.01, longitude: DEMO_SEED.longitude, accuracy: 12 };

  for (const locale of ["en", "de"]) {
    test(`${locale}: one door tap after granting permission opens it`, async ({ browser }) => {
      const { context, page } = await phone(browser, "iphoneSE");
      await page.goto((await issueLink(api, { locale, studio: DEMO_IDS.geofencedStudio })).url);
      await expect(door(page)).toContainText(msg(locale, "door.readyShare"));
      await expect(page.getByTestId("location-card")).toContainText(
        msg(locale, "location.explain"),
      );
      await aboveTheFold(door(page));
      await axe(page);
      await page.screenshot({ path: `${SHOTS}/location-needed-iphoneSE-${locale}.png` });
      await context.setGeolocation(AT_STUDIO);
      await context.grantPermissions(["geolocation"]);
      await kisi.clearRequests(api);
      await door(page).click();
      await expect(door(page)).toHaveAttribute("data-state", "opened");
      await expect(page.getByTestId("location-card")).toHaveAttribute("data-tone", "good");
      await expect(page.getByTestId("location-card")).toContainText(msg(locale, "location.inside"));
      expect(await kisi.unlocks(api, DEMO_SEED.climbingLockIds[0])).toHaveLength(1);
      await aboveTheFold(door(page));
      await page.screenshot({ path: `${SHOTS}/at-studio-iphoneSE-${locale}.png` });
      await context.close();
    });

    test(`${locale}: outside the fence, the distance shows without a tap`, async ({ browser }) => {
      const { context, page } = await phone(browser, "iphoneSE", {
        geolocation: FAR,
        permissions: ["geolocation"],
      });
      await page.goto((await issueLink(api, { locale, studio: DEMO_IDS.geofencedStudio })).url);
      await expect(page.getByTestId("location-card")).toContainText(
        msg(locale, "location.outside"),
      );
      await expect(door(page)).toHaveAttribute("data-reason", "too_far");
      await expect(door(page)).toContainText(/1[.,]1\s?km/);
      await expect(door(page)).toBeDisabled();
      await aboveTheFold(door(page));
      await axe(page);
      await page.screenshot({ path: `${SHOTS}/too-far-iphoneSE-${locale}.png` });
      await context.close();
    });
  }
});

test.describe("any brand", () => {
  const brands = { yellow: "#FFE600", dark: "#111111", default: "#7c3aed" };
  test.afterAll(async () => {
    await api.patch(`${APP}/api/studios/${DEMO_IDS.studio}`, {
      headers: { Origin: APP },
      data: { branding: { primaryColor: "#7c3aed" } },
    });
  });
  for (const [name, color] of Object.entries(brands)) {
    test(`${name} brand: ready, open and failed are far apart, and each is readable`, async ({
      browser,
    }) => {
      const res = await api.patch(`${APP}/api/studios/${DEMO_IDS.studio}`, {
        headers: { Origin: APP },
        data: { branding: { primaryColor: color } },
      });
      expect(res.status()).toBe(200);
      const { context, page } = await phone(browser, "pixel7");
      await page.goto((await issueLink(api)).url);
      const ready = await background(door(page));
      await door(page).click();
      await expect(door(page)).toHaveAttribute("data-state", "opened");
      const opened = await background(door(page));
      await kisi.fault(api, {
        method: "POST",
        path: "/locks/:id/unlock",
        times: 1,
        action: { kind: "status", status: 403, body: { code: "fcd8ef", error: "Not allowed." } },
      });
      await door(page, "Studio 1").click();
      await expect(door(page, "Studio 1")).toHaveAttribute("data-state", "failed");
      const failed = await background(door(page, "Studio 1"));
      expect(deltaE(opened, ready)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
      expect(deltaE(failed, ready)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
      expect(deltaE(failed, opened)).toBeGreaterThanOrEqual(MIN_STATE_DELTA_E);
      await axe(page);
      await page.screenshot({ path: `${SHOTS}/brand-${name}-pixel7-en.png` });
      await context.close();
    });
  }
});

test("a link deleted inside Kisi shows as cancelled, and the dashboard says so", async ({
  browser,
}) => {
  const link = await issueLink(api);
  const kisiLink = await kisi.groupLinkFor(api, link.id);
  const deleted = await api.delete(`${KISI}/group_links/${kisiLink.id}`, {
    headers: { Authorization: `KISI-LOGIN ${DEMO_SEED.apiKey}` },
  });
  expect(deleted.status()).toBe(204);
  const { context, page } = await phone(browser, "iphoneSE");
  await page.goto(link.url);
  await expect(page.getByTestId("state-notice")).toHaveAttribute("data-state", "revoked");
  const detail = await (
    await api.get(`${APP}/api/studios/${DEMO_IDS.studio}/links/${link.id}`)
  ).json();
  expect(detail.state).toBe("revoked");
  expect(detail.revokedInKisiAt).toEqual(expect.any(String));
  const list = await (
    await api.get(`${APP}/api/studios/${DEMO_IDS.studio}/links?state=active&q=Jane`)
  ).json();
  expect(JSON.stringify(list)).not.toContain(link.id);
  await context.close();
});

test("a tap whose page goes away while it waits its turn never reaches Kisi", async () => {
  await kisi.clearRequests(api);
  await kisi.fault(api, {
    method: "POST",
    path: "/locks/:id/unlock",
    times: 1,
    action: { kind: "latency", ms: 2_000 },
  });
  const [studio1, lockerRoom] = [DEMO_SEED.guestLockIds[1]!, DEMO_SEED.guestLockIds[2]!];
  const [first, leaving] = [await issueLink(api), await issueLink(api)];
  const ahead = api.post(`${APP}/api/access/doors/${studio1}/unlock`, {
    headers: { Authorization: `Bearer ${first.token}`, Origin: APP },
    data: {},
  });
  await expect.poll(async () => (await kisi.unlocks(api, studio1)).length).toBe(1);
  // The second guest's phone drops the request while it waits behind the first.
  const page = new AbortController();
  const tap = fetch(`${APP}/api/access/doors/${lockerRoom}/unlock`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${leaving.token}`,
      Origin: APP,
      "Content-Type": "application/json",
    },
    body: "{}",
    signal: page.signal,
  }).catch((error: Error) => error.name);
  await expect
    .poll(async () => {
      const res = await fetch(`${APP}/api/access/doors/${lockerRoom}/queue`, {
        headers: { Authorization: `Bearer ${leaving.token}` },
      });
      return ((await res.json()) as { queued: boolean }).queued;
    })
    .toBe(true);
  page.abort();
  expect(await tap).toBe("AbortError");
  expect((await ahead).status()).toBe(200);
  // The lane is free again: a later call on it is sent at once, and the dropped tap never was.
  const after = await issueLink(api);
  const res = await api.post(`${APP}/api/access/doors/${studio1}/unlock`, {
    headers: { Authorization: `Bearer ${after.token}`, Origin: APP },
    data: {},
  });
  expect(res.status()).toBe(200);
  expect(await kisi.unlocks(api, lockerRoom)).toHaveLength(0);
});
