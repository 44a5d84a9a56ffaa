import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import * as passTypesRoute from "@/app/api/studios/[studioId]/pass-types/route";
import * as rulesRoute from "@/app/api/studios/[studioId]/rules/route";
import { DEMO_ACCOUNT, DEMO_IDS } from "@/lib/demo/constants";
import { setupRouteHarness, type RouteHarness } from "../../support/route-harness";

let h: RouteHarness;
let owner: string;
const studioId = DEMO_IDS.studio;

beforeAll(async () => {
  h = await setupRouteHarness();
  owner = await h.sessionCookie(DEMO_ACCOUNT.email);
});
afterAll(() => h.close());

const window = (hours: number) => ({
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validUntil: new Date(Date.now() + hours * 3_600_000).toISOString(),
});
const post = (handler: unknown, path: string, json: unknown, language = "en") =>
  h.call(
    handler,
    { studioId },
    {
      method: "POST",
      path,
      headers: { cookie: owner, origin: h.origin, "accept-language": language },
      json,
    },
  );
const issue = (json: unknown, language?: string) =>
  post(
    linksRoute.POST,
    `/api/studios/${studioId}/links`,
    { name: "Guest", ...window(48), ...(json as object) },
    language,
  );

type ErrorBody = {
  error: { code: string; issues: { path: string; code?: string; message: string }[] };
};

describe("the Studio API takes rules", () => {
  it("issues a link with explicit rules and shows them with its use", async () => {
    const res = await issue({ rules: { visitLimit: 2, validForMinutes: 1440 } });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { id: string; rules: unknown };
    expect(created.rules).toEqual({ visitLimit: 2, validForMinutes: 1440 });
    const detail = await h.call(
      linkRoute.GET,
      { studioId, linkId: created.id },
      {
        path: `/api/studios/${studioId}/links/${created.id}`,
        headers: { cookie: owner, origin: h.origin },
      },
    );
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { access: unknown }).access).toMatchObject({
      visitsUsed: 0,
      visitsLeft: 2,
      firstUsedAt: null,
    });
  });

  it("issues a link from a pass type, which gives its rules and language", async () => {
    const made = await post(passTypesRoute.POST, `/api/studios/${studioId}/pass-types`, {
      name: "Trial class",
      rules: { visitLimit: 1 },
      windowMinutes: 14 * 1440,
      locale: "de",
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const passType = (await made.json()) as { id: string };
    const res = await issue({ passTypeId: passType.id });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ rules: { visitLimit: 1 }, passTypeId: passType.id });
    // Another studio's (or an unknown) pass type is a field error, not a 500.
    const unknown = await issue({ passTypeId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorBody).error.issues).toEqual([
      expect.objectContaining({ path: "passTypeId", code: "passTypeUnknown" }),
    ]);
  });

  it.each([
    [
      "overlapping ranges",
      {
        weekly: [
          { day: "mon", from: "07:00", until: "12:00" },
          { day: "mon", from: "11:00", until: "13:00" },
        ],
      },
      "rules.weekly.1.from",
      "rangesOverlap",
      "überschneidet sich mit einem anderen Zeitraum",
    ],
    [
      "an inverted range",
      { weekly: [{ day: "tue", from: "19:00", until: "07:00" }] },
      "rules.weekly.0.until",
      "rangeInverted",
      "muss nach dem Beginn liegen",
    ],
    [
      "an unknown weekday",
      { weekly: [{ day: "funday", from: "07:00", until: "12:00" }] },
      "rules.weekly.0.day",
      "unknownWeekday",
      "muss einer von",
    ],
    [
      "zero visits",
      { visitLimit: 0 },
      "rules.visitLimit",
      "visitLimitTooSmall",
      "mindestens 1 Besuch",
    ],
    [
      "a duration longer than the window",
      { validForMinutes: 72 * 60 },
      "rules.validForMinutes",
      "durationExceedsWindow",
      "länger als die gesamte Gültigkeit",
    ],
  ])(
    "refuses %s with 422, its field path, in the caller's language",
    async (_, rules, path, code, words) => {
      const res = await issue({ rules }, "de");
      expect(res.status).toBe(422);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.issues).toEqual([
        expect.objectContaining({ path, code, message: expect.stringContaining(words) }),
      ]);
    },
  );

  it("sets studio hours with the same schema, and refuses bad ones", async () => {
    const put = (json: unknown) =>
      h.call(
        rulesRoute.PUT,
        { studioId },
        {
          method: "PUT",
          path: `/api/studios/${studioId}/rules`,
          headers: { cookie: owner, origin: h.origin },
          json,
        },
      );
    const bad = await put({
      openingHours: { weekly: [{ day: "sun", from: "22:00", until: "02:00" }], exceptions: [] },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.issues[0]).toMatchObject({
      path: "openingHours.weekly.0.until",
      code: "rangeInverted",
    });
    const hours = {
      weekly: [{ day: "sun", from: "22:00", until: "02:00", nextDay: true }],
      exceptions: [{ date: "2026-12-25", ranges: [], label: "Christmas" }],
    };
    const ok = await put({ openingHours: hours, visitMinutes: 60 });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({
      openingHours: hours,
      visitMinutes: 60,
      effectiveVisitMinutes: 60,
    });
    // Back to always open for the other tests.
    expect((await put({ openingHours: null, visitMinutes: null })).status).toBe(200);
  });
});
