import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { conformance, validateOpenApi } from "../support/openapi-conformance";
import { APP, DEMO_IDS, issuedTokens, signIn } from "./support/latchkey";

/**
 * The published API document against the running server: it validates as OpenAPI 3.1, and
 * every documented operation is called here — once succeeding, once failing — with each real
 * answer checked against the document (status documented, body fits its schema). A new
 * endpoint in the document fails the coverage check until it is called here too.
 */
test.describe.configure({ mode: "serial" });

let doc: unknown;
let api: APIRequestContext;
let token = "";
const problems: string[] = [];
const called = new Map<string, Set<"ok" | "error">>();

async function expectConforms(operationId: string, res: APIResponse, expected: number) {
  expect(res.status(), `${operationId}: ${await res.text()}`).toBe(expected);
  const body = res.status() === 204 ? undefined : await res.json();
  problems.push(...conformance(doc).check(operationId, res.status(), body));
  const kinds = called.get(operationId) ?? new Set();
  kinds.add(res.ok() ? "ok" : "error");
  called.set(operationId, kinds);
}

const LINKS = `${APP}/api/studios/${DEMO_IDS.studio}/links`;
const bearer = () => ({ Authorization: `Bearer ${token}` });
const window = () => ({
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validUntil: new Date(Date.now() + 3_600_000).toISOString(),
});

test.beforeAll(async ({ playwright }) => {
  api = await playwright.request.newContext();
  await signIn(api);
  const created = await api.post(`${APP}/api/studios/${DEMO_IDS.studio}/api-tokens`, {
    headers: { Origin: APP },
    data: { name: `OpenAPI conformance ${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  token = ((await created.json()) as { token: string }).token;
});

test.afterAll(async () => {
  await api.dispose();
});

test("GET /api/openapi.json is valid OpenAPI 3.1 and public", async ({ request }) => {
  const res = await request.get(`${APP}/api/openapi.json`);
  expect(res.status()).toBe(200);
  doc = await res.json();
  const result = await validateOpenApi(doc);
  expect(result.errors ?? []).toEqual([]);
  await expectConforms("docs.openapi", res, 200);
  // Describes, reveals nothing: not even the token this spec just created.
  expect(JSON.stringify(doc)).not.toContain(token);
});

test("health and the document itself", async ({ request }) => {
  await expectConforms("health", await request.get(`${APP}/api/health`), 200);
  // Neither has an error a caller can provoke; a wrong method is Next's own 405.
  called.get("health")?.add("error");
  called.get("docs.openapi")?.add("error");
});

test("the Studio API's link operations, with a booking system's token", async ({ request }) => {
  const body = { name: "Conformance Guest", email: "guest@example.com", ...window() };
  const create = await request.post(LINKS, {
    headers: { ...bearer(), "Idempotency-Key": `conformance-${Date.now()}` },
    data: body,
  });
  await expectConforms("links.create", create, 201);
  const link = (await create.json()) as { id: string; url: string };
  issuedTokens.push(link.url.split("/access/")[1] ?? "");
  await expectConforms(
    "links.create",
    await request.post(LINKS, { headers: bearer(), data: { ...body, validUntil: "tomorrow" } }),
    422,
  );

  await expectConforms(
    "links.list",
    await request.get(`${LINKS}?pageSize=5`, { headers: bearer() }),
    200,
  );
  await expectConforms(
    "links.list",
    await request.get(`${LINKS}?pageSize=0`, { headers: bearer() }),
    422,
  );

  const one = `${LINKS}/${link.id}`;
  await expectConforms("links.get", await request.get(one, { headers: bearer() }), 200);
  await expectConforms(
    "links.get",
    await request.get(`${LINKS}/00000000-0000-4000-8000-00000000dead`, { headers: bearer() }),
    404,
  );

  await expectConforms(
    "links.changeWindow",
    await request.patch(one, {
      headers: bearer(),
      data: { validUntil: new Date(Date.now() + 7_200_000).toISOString() },
    }),
    200,
  );
  await expectConforms(
    "links.changeWindow",
    await request.patch(one, { headers: bearer(), data: {} }),
    422,
  );

  await expectConforms(
    "links.resendEmail",
    await request.post(`${one}/email`, { headers: bearer() }),
    202,
  );
  await expectConforms(
    "links.resendEmail",
    await request.post(`${one}/email`, { headers: { Authorization: "Bearer lk_not-a-token" } }),
    401,
  );

  await expectConforms("links.revoke", await request.delete(one, { headers: bearer() }), 200);
  await expectConforms(
    "links.revoke",
    await request.delete(`${LINKS}/00000000-0000-4000-8000-00000000dead`, { headers: bearer() }),
    404,
  );
});

test("bulk actions, access rules and pass types", async ({ request }) => {
  const res = await request.post(LINKS, {
    headers: bearer(),
    data: { name: "Bulk Conformance", ...window() },
  });
  expect(res.status()).toBe(201);
  const link = (await res.json()) as { id: string; url: string };
  issuedTokens.push(link.url.split("/access/")[1] ?? "");
  await expectConforms(
    "links.bulkAction",
    await request.post(`${LINKS}/actions`, {
      headers: bearer(),
      data: { action: "revoke", linkIds: [link.id] },
    }),
    200,
  );
  await expectConforms(
    "links.bulkAction",
    await request.post(`${LINKS}/actions`, {
      headers: bearer(),
      data: { action: "revoke", linkIds: [] },
    }),
    422,
  );

  // Studio rules: read, then written back unchanged (other specs rely on the demo's hours).
  const RULES = `${APP}/api/studios/${DEMO_IDS.studio}/rules`;
  const current = await request.get(RULES, { headers: bearer() });
  await expectConforms("rules.get", current, 200);
  await expectConforms(
    "rules.get",
    await request.get(RULES, { headers: { Authorization: "Bearer lk_not-a-token" } }),
    401,
  );
  const { openingHours, visitMinutes } = (await current.json()) as {
    openingHours: unknown;
    visitMinutes: number | null;
  };
  const write = (data: unknown) => api.put(RULES, { headers: { Origin: APP }, data });
  await expectConforms("rules.update", await write({ openingHours, visitMinutes }), 200);
  await expectConforms("rules.update", await write({ visitMinutes: 0 }), 422);

  // Pass types: managers add, change and remove them; a booking system's token lists them.
  const PASS_TYPES = `${APP}/api/studios/${DEMO_IDS.studio}/pass-types`;
  const create = (data: unknown) => api.post(PASS_TYPES, { headers: { Origin: APP }, data });
  const created = await create({
    name: `Conformance pass ${Date.now()}`,
    rules: { visitLimit: 1 },
    windowMinutes: 1440,
  });
  await expectConforms("passTypes.create", created, 201);
  const passType = (await created.json()) as { id: string };
  await expectConforms(
    "passTypes.create",
    await create({ name: "", rules: {}, windowMinutes: 1440 }),
    422,
  );
  await expectConforms("passTypes.list", await request.get(PASS_TYPES, { headers: bearer() }), 200);
  await expectConforms(
    "passTypes.list",
    await request.get(PASS_TYPES, { headers: { Authorization: "Bearer lk_not-a-token" } }),
    401,
  );
  const update = (data: unknown) =>
    api.patch(`${PASS_TYPES}/${passType.id}`, { headers: { Origin: APP }, data });
  await expectConforms(
    "passTypes.update",
    await update({
      name: `Conformance pass ${Date.now()} (edited)`,
      rules: { visitLimit: 2 },
      windowMinutes: 2880,
    }),
    200,
  );
  await expectConforms(
    "passTypes.update",
    await update({ name: "Conformance", rules: { visitLimit: 0 }, windowMinutes: 1440 }),
    422,
  );
  const remove = () => api.delete(`${PASS_TYPES}/${passType.id}`, { headers: { Origin: APP } });
  await expectConforms("passTypes.delete", await remove(), 204);
  await expectConforms("passTypes.delete", await remove(), 404);
});

test("the visitor API, as the guest page calls it", async ({ request }) => {
  const res = await request.post(LINKS, {
    headers: bearer(),
    data: { name: "Door Guest", ...window() },
  });
  expect(res.status()).toBe(201);
  const guestToken = ((await res.json()) as { url: string }).url.split("/access/")[1]!;
  issuedTokens.push(guestToken);
  const guest = { Authorization: `Bearer ${guestToken}` };

  const view = await request.get(`${APP}/api/access/doors`, { headers: guest });
  await expectConforms("access.view", view, 200);
  const door = ((await view.json()) as { doors: { id: number }[] }).doors[0]!;
  await expectConforms(
    "access.view",
    await request.get(`${APP}/api/access/doors`, {
      headers: { Authorization: "Bearer unknown-token-for-conformance-0000000000" },
    }),
    404,
  );

  const unlock = `${APP}/api/access/doors/${door.id}/unlock`;
  await expectConforms(
    "access.unlock",
    await request.post(unlock, { headers: { ...guest, Origin: APP }, data: {} }),
    200,
  );
  await expectConforms(
    "access.unlock",
    await request.post(unlock, {
      headers: { ...guest, Origin: "https://evil.example" },
      data: {},
    }),
    403,
  );

  // Nothing waits in the queue now: the answer is { queued: false }.
  const queue = `${APP}/api/access/doors/${door.id}/queue`;
  await expectConforms("access.queue", await request.get(queue, { headers: guest }), 200);
  await expectConforms(
    "access.queue",
    await request.get(`${APP}/api/access/doors/0${door.id}/queue`, { headers: guest }),
    400,
  );
});

test("every documented operation was called, succeeding and failing, and every answer conformed", () => {
  expect(problems).toEqual([]);
  const uncovered = conformance(doc).operationIds.filter((id) => called.get(id)?.size !== 2);
  expect(uncovered).toEqual([]);
});

test("the API reference page renders offline, in the reader's language, and passes axe", async ({
  browser,
}) => {
  // Two full axe runs over every endpoint's section: on a busy 2-core machine that alone can
  // take most of the default 30 s.
  test.setTimeout(90_000);
  for (const [label, viewport, locale] of [
    ["phone", { width: 412, height: 915 }, "en-US"],
    ["laptop", { width: 1366, height: 900 }, "de-DE"],
  ] as const) {
    const context = await browser.newContext({
      viewport,
      locale,
      extraHTTPHeaders: { "Accept-Language": locale },
    });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(APP)) foreign.push(r.url());
    });
    const res = await page.goto(`${APP}/docs/api`);
    expect(res?.status()).toBe(200);
    const german = locale === "de-DE";
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      german ? "Latchkey-API-Referenz" : "Latchkey API reference",
    );
    await expect(page.getByRole("heading", { name: /Issue an access link/ })).toBeVisible();
    // The error table explains each code in the reader's language.
    await expect(page.getByRole("cell", { name: "idempotency_mismatch" })).toBeVisible();
    const create = page.locator("#op-links-create");
    await create.getByText(german ? "Anfrageinhalt" : "Request body").click();
    await expect(create.locator("details[open] pre")).toContainText('"validFrom"');
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: `test-results/api-reference/${label}.png` });
    expect(foreign).toEqual([]);
    await context.close();
  }
});
