import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { DEMO_ACCOUNT, DEMO_IDS } from "../../../lib/demo/constants";
import type { FaultRule, RecordedRequest } from "../../../lib/kisi/emulator/types";
import { APP_PORT, KISI_PORT } from "../../../playwright.config";

export const APP = `http://127.0.0.1:${APP_PORT}`;
export const KISI = `http://127.0.0.1:${KISI_PORT}`;
export { DEMO_IDS };

/** Every access token a test issued: the log sweep checks none of them was ever logged. */
export const issuedTokens: string[] = [];

export async function signIn(request: APIRequestContext): Promise<void> {
  const res = await request.post(`${APP}/api/auth/sign-in/email`, {
    headers: { Origin: APP },
    data: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
  });
  expect(res.status()).toBe(200);
}

export type IssuedLink = { id: string; url: string; token: string; state: string };

/** Issues a link through the Studio API as the demo owner (the request context keeps the cookie). */
export async function issueLink(
  request: APIRequestContext,
  options: {
    studio?: string;
    name?: string;
    locale?: string;
    fromInS?: number;
    untilInS?: number;
  } = {},
): Promise<IssuedLink> {
  const now = Date.now();
  const res = await request.post(`${APP}/api/studios/${options.studio ?? DEMO_IDS.studio}/links`, {
    headers: { Origin: APP },
    data: {
      name: options.name ?? "Jane Guest",
      locale: options.locale ?? "en",
      validFrom: new Date(now + (options.fromInS ?? -60) * 1000).toISOString(),
      validUntil: new Date(now + (options.untilInS ?? 3600) * 1000).toISOString(),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as Omit<IssuedLink, "token">;
  const token = body.url.split("/access/")[1] ?? "";
  issuedTokens.push(token);
  return { ...body, token };
}

export async function revokeLink(
  request: APIRequestContext,
  linkId: string,
  studio = DEMO_IDS.studio,
) {
  const res = await request.delete(`${APP}/api/studios/${studio}/links/${linkId}`, {
    headers: { Origin: APP },
  });
  expect(res.status()).toBe(200);
}

/** The emulator's control API (lib/kisi/emulator/README.md). */
export const kisi = {
  async requests(request: APIRequestContext): Promise<RecordedRequest[]> {
    return (await request.get(`${KISI}/__emulator/requests`)).json();
  },
  async clearRequests(request: APIRequestContext) {
    await request.delete(`${KISI}/__emulator/requests`);
  },
  async fault(request: APIRequestContext, rule: FaultRule) {
    expect((await request.post(`${KISI}/__emulator/faults`, { data: rule })).ok()).toBe(true);
  },
  async clearFaults(request: APIRequestContext) {
    await request.delete(`${KISI}/__emulator/faults`);
  },
  async setLock(
    request: APIRequestContext,
    id: number,
    patch: { online?: boolean; locked_down?: boolean },
  ) {
    expect((await request.patch(`${KISI}/__emulator/locks/${id}`, { data: patch })).ok()).toBe(
      true,
    );
  },
  async groupLinks(
    request: APIRequestContext,
  ): Promise<Array<{ id: number; name: string; secret: string; deletedAt: string | null }>> {
    return ((await (await request.get(`${KISI}/__emulator/state`)).json()) as { groupLinks: [] })
      .groupLinks;
  },
  /** The Kisi group link behind a Latchkey link (its Kisi name carries the link id's prefix). */
  async groupLinkFor(request: APIRequestContext, linkId: string) {
    const links = await kisi.groupLinks(request);
    const match = links.find((l) => l.name.endsWith(`Latchkey ${linkId.slice(0, 8)}`));
    expect(match, `no Kisi link for ${linkId}`).toBeTruthy();
    return match!;
  },
  async unlocks(request: APIRequestContext, lockId?: number) {
    return (await kisi.requests(request)).filter(
      (r) =>
        r.method === "POST" &&
        r.path.endsWith("/unlock") &&
        (lockId === undefined || r.path === `/locks/${lockId}/unlock`),
    );
  },
};

/** The dashboard header's account menu: its trigger is the header's one button. */
export const accountMenu = (page: Page) => page.getByRole("banner").getByRole("button");

/** Opens the account menu and picks an item, e.g. "Sign out" or "Account". */
export async function fromAccountMenu(page: Page, item: string): Promise<void> {
  await accountMenu(page).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/**
 * Browser contexts signed in as the demo owner, for one spec file: the first signs in, every
 * later one reuses its cookies. The e2e server allows 30 sign-ins a minute for the whole suite,
 * and a sign-in per journey spent it (the specs after got 429). Call it once per file, so a
 * spec that signs out spoils only its own session. `device` may be a Playwright device entry;
 * its browser type and user agent are left out.
 */
export function ownerContexts() {
  let session: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
  return async (browser: Browser, device: BrowserContextOptions & Record<string, unknown>) => {
    const { defaultBrowserType: _browser, userAgent: _agent, ...options } = device;
    const context = await browser.newContext({
      timezoneId: "Europe/Berlin",
      locale: "en-GB",
      ...options,
      ...(session ? { storageState: session } : {}),
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP });
    if (!session) {
      await signIn(context.request);
      session = await context.storageState();
    }
    return { context, page: await context.newPage() };
  };
}
