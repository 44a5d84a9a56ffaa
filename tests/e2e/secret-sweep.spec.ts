import { expect, test, type APIResponse } from "@playwright/test";
import { DEMO_SEED, OTHER_ORG_SEED } from "../../lib/kisi/emulator/seed";
import { APP, DEMO_IDS, issueLink, kisi, signIn } from "./support/latchkey";

/**
 * Issue #4's "Done when": no API response, page or RSC payload of the dashboard contains a
 * studio's Kisi API key or a link's Kisi secret. Every dashboard page and every read API, as the
 * demo owner, with real data behind them (links with emails, unlocks, the Kisi key connected).
 * The visitor side has its own sweep in access.spec.ts.
 */
test("no Kisi API key or link secret in any dashboard page, RSC payload or Studio API response", async ({
  request,
}) => {
  await signIn(request);
  const studio = DEMO_IDS.studio;
  const link = await issueLink(request, { name: "Sweep Guest" });
  // An unlock, so the audit and activity have rows; an email, so the outbox has one to read.
  await request.post(`${APP}/api/access/doors/${DEMO_SEED.guestLockIds[0]}/unlock`, {
    headers: { Authorization: `Bearer ${link.token}`, Origin: APP },
    data: {},
  });
  const mailed = await request.post(`${APP}/api/studios/${studio}/links`, {
    headers: { Origin: APP },
    data: {
      name: "Sweep Mail",
      email: "sweep@visitors.example",
      sendEmail: true,
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(mailed.status()).toBe(201);
  const secrets = [
    ...(await kisi.groupLinks(request)).map((l) => l.secret),
    DEMO_SEED.apiKey,
    DEMO_SEED.secondApiKey,
    OTHER_ORG_SEED.apiKey,
  ];
  expect(secrets.length).toBeGreaterThan(4);

  const outbox = (await (await request.get(`${APP}/api/studios/${studio}/outbox`)).json()) as {
    items: { id: string }[];
  };
  expect(outbox.items.length).toBeGreaterThan(0);
  const pages = [
    "/dashboard",
    "/dashboard/brand-templates",
    `/dashboard/studios/${studio}`,
    `/dashboard/studios/${studio}/links/${link.id}`,
    `/dashboard/studios/${studio}/links/bulk`,
    `/dashboard/studios/${studio}/activity`,
    `/dashboard/studios/${studio}/outbox`,
    `/dashboard/studios/${studio}/settings`,
    `/dashboard/studios/${studio}/team`,
    `/dashboard/studios/${studio}/api-tokens`,
  ];
  const apis = [
    `/api/studios/${studio}`,
    `/api/studios/${studio}/kisi-groups`,
    `/api/studios/${studio}/doors`,
    `/api/studios/${studio}/links`,
    `/api/studios/${studio}/links/${link.id}`,
    `/api/studios/${studio}/links/${link.id}/audit`,
    `/api/studios/${studio}/activity`,
    `/api/studios/${studio}/outbox`,
    ...outbox.items.slice(0, 3).map((e) => `/api/studios/${studio}/outbox/${e.id}`),
    `/api/studios/${studio}/team`,
    `/api/studios/${studio}/api-tokens`,
    "/api/brand-templates",
  ];
  const responses: APIResponse[] = [];
  for (const path of pages) {
    responses.push(await request.get(`${APP}${path}`));
    responses.push(await request.get(`${APP}${path}`, { headers: { RSC: "1" } }));
  }
  for (const path of apis) responses.push(await request.get(`${APP}${path}`));

  for (const res of responses) {
    expect(res.status(), res.url()).toBe(200);
    const text = `${JSON.stringify(res.headersArray())}\n${await res.text()}`;
    for (const secret of secrets) expect(text, `${res.url()} leaks a secret`).not.toContain(secret);
  }
});
