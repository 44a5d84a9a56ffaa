import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as linksRoute from "@/app/api/studios/[studioId]/links/route";
import * as linkRoute from "@/app/api/studios/[studioId]/links/[linkId]/route";
import * as passTypesRoute from "@/app/api/studios/[studioId]/pass-types/route";
import * as passTypeRoute from "@/app/api/studios/[studioId]/pass-types/[passTypeId]/route";
import * as rulesRoute from "@/app/api/studios/[studioId]/rules/route";
import { accessLinks, passTypes, staffAudit } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
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

  it("without an end, a pass type's default window applies from the start; without either, 422", async () => {
    const made = await post(passTypesRoute.POST, `/api/studios/${studioId}/pass-types`, {
      name: "Four weeks",
      rules: { weekly: [{ day: "tue", from: "09:00", until: "17:00" }] },
      windowMinutes: 28 * 1440,
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const passType = (await made.json()) as { id: string };
    const validFrom = new Date(Date.now() - 60_000).toISOString();
    const noEnd = (json: object) =>
      post(linksRoute.POST, `/api/studios/${studioId}/links`, { name: "Temp", validFrom, ...json });
    const res = await noEnd({ passTypeId: passType.id });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { validFrom: string; validUntil: string };
    expect(Date.parse(created.validUntil) - Date.parse(created.validFrom)).toBe(28 * 86_400_000);
    // An end given still wins over the pass type's window.
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const given = await noEnd({ passTypeId: passType.id, validUntil: until });
    expect(((await given.json()) as { validUntil: string }).validUntil).toBe(until);
    // No pass type and no end: the end is required, beside its field.
    const bare = await noEnd({});
    expect(bare.status).toBe(422);
    expect(((await bare.json()) as ErrorBody).error.issues).toEqual([
      expect.objectContaining({ path: "validUntil", code: "untilRequired" }),
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

describe("changing a link's rules with PATCH", () => {
  const patch = (linkId: string, json: unknown, language = "en") =>
    h.call(
      linkRoute.PATCH,
      { studioId, linkId },
      {
        method: "PATCH",
        path: `/api/studios/${studioId}/links/${linkId}`,
        headers: { cookie: owner, origin: h.origin, "accept-language": language },
        json,
      },
    );
  const issued = async (json: unknown) => {
    const res = await issue(json);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const row = async (id: string) =>
    (await h.fx.db.select().from(accessLinks).where(eq(accessLinks.id, id)))[0]!;
  const kisiLink = (id: number | null) => h.fx.emulator.state.groupLinks.find((l) => l.id === id)!;

  it("sets, replaces and removes rules; an unused link keeps its Kisi link", async () => {
    const link = await issued({});
    const before = await row(link.id);
    const set = await patch(link.id, { rules: { visitLimit: 3 } });
    expect(set.status, await set.clone().text()).toBe(200);
    let stored = await row(link.id);
    expect(stored.rules).toEqual({ visitLimit: 3 });
    // Nothing Kisi knows changed: the same Kisi link, no replacement.
    expect(stored.kisiGroupLinkId).toBe(before.kisiGroupLinkId);
    expect((await patch(link.id, { rules: null })).status).toBe(200);
    stored = await row(link.id);
    expect(stored.rules).toBeNull();
    expect(stored.validUntil.getTime()).toBe(before.validUntil.getTime());
  });

  it("edited rules are the link's own: its pass type is no longer named", async () => {
    const made = await post(passTypesRoute.POST, `/api/studios/${studioId}/pass-types`, {
      name: "Ten visits",
      rules: { visitLimit: 10 },
      windowMinutes: 30 * 1440,
    });
    const passType = (await made.json()) as { id: string };
    const link = await issued({ passTypeId: passType.id });
    expect((await row(link.id)).passTypeId).toBe(passType.id);
    expect((await patch(link.id, { rules: { visitLimit: 12 } })).status).toBe(200);
    expect(await row(link.id)).toMatchObject({ rules: { visitLimit: 12 }, passTypeId: null });
  });

  it("a used day pass given a shorter validity: Kisi's link is narrowed with it, in one change", async () => {
    const link = await issued({ rules: { validForMinutes: 1440 } });
    const firstUse = new Date(Date.now() - 30 * 60_000);
    await h.fx.db
      .update(accessLinks)
      .set({ firstUsedAt: firstUse })
      .where(eq(accessLinks.id, link.id));
    const before = await row(link.id);
    const res = await patch(link.id, { rules: { validForMinutes: 120 } });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await row(link.id);
    expect(after.rules).toEqual({ validForMinutes: 120 });
    expect(after.kisiGroupLinkId).not.toBe(before.kisiGroupLinkId);
    expect(Date.parse(kisiLink(after.kisiGroupLinkId).valid_until!)).toBe(
      firstUse.getTime() + 120 * 60_000,
    );
  });

  it("refuses bad rules with field paths in the caller's language, and changes nothing", async () => {
    const link = await issued({ rules: { visitLimit: 2 } });
    const zero = await patch(link.id, { rules: { visitLimit: 0 } }, "de");
    expect(zero.status).toBe(422);
    const body = (await zero.json()) as ErrorBody;
    expect(body.error.issues[0]).toMatchObject({ path: "rules.visitLimit" });
    expect(body.error.issues[0]!.message).not.toMatch(/visitLimitTooSmall/);
    // Longer than the window (48 h here): refused beside the field.
    const long = await patch(link.id, { rules: { validForMinutes: 3 * 1440 } });
    expect(long.status).toBe(422);
    expect(((await long.json()) as ErrorBody).error.issues[0]).toMatchObject({
      path: "rules.validForMinutes",
    });
    expect((await row(link.id)).rules).toEqual({ visitLimit: 2 });
    // An empty change is still refused.
    expect((await patch(link.id, {})).status).toBe(422);
  });
});

describe("editing a pass type with PATCH", () => {
  const edit = (
    passTypeId: string,
    json: unknown,
    opts: { cookie?: string; language?: string } = {},
  ) =>
    h.call(
      passTypeRoute.PATCH,
      { studioId, passTypeId },
      {
        method: "PATCH",
        path: `/api/studios/${studioId}/pass-types/${passTypeId}`,
        headers: {
          cookie: opts.cookie ?? owner,
          origin: h.origin,
          "accept-language": opts.language ?? "en",
        },
        json,
      },
    );
  const create = async (name: string, rules: object = { visitLimit: 1 }) => {
    const made = await post(passTypesRoute.POST, `/api/studios/${studioId}/pass-types`, {
      name,
      rules,
      windowMinutes: 14 * 1440,
    });
    expect(made.status, await made.clone().text()).toBe(201);
    return (await made.json()) as { id: string; name: string };
  };
  const stored = async (id: string) =>
    (await h.fx.db.select().from(passTypes).where(eq(passTypes.id, id)))[0];
  const auditOf = (subject: string) =>
    h.fx.db
      .select()
      .from(staffAudit)
      .where(and(eq(staffAudit.kind, "pass_type"), eq(staffAudit.subject, subject)));

  it("rewrites the pass type whole; links issued before keep their copy of the rules", async () => {
    const passType = await create("Trial (edit me)");
    const before = await issue({ passTypeId: passType.id });
    expect(before.status, await before.clone().text()).toBe(201);
    const earlier = (await before.json()) as { id: string };

    const res = await edit(passType.id, {
      name: "Trial, two visits",
      rules: { visitLimit: 2, validForMinutes: 1440 },
      windowMinutes: 7 * 1440,
      locale: "fr",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({
      id: passType.id,
      name: "Trial, two visits",
      rules: { visitLimit: 2, validForMinutes: 1440 },
      windowMinutes: 7 * 1440,
      locale: "fr",
    });
    // The whole body is the pass type: a field left out is gone, not kept.
    const bare = await edit(passType.id, {
      name: "Trial, two visits",
      rules: { visitLimit: 2 },
      windowMinutes: 7 * 1440,
    });
    expect(bare.status).toBe(200);
    expect(await stored(passType.id)).toMatchObject({ rules: { visitLimit: 2 }, locale: null });

    // The link issued before the change keeps the rules it was issued with …
    const [old] = await h.fx.db.select().from(accessLinks).where(eq(accessLinks.id, earlier.id));
    expect(old).toMatchObject({ rules: { visitLimit: 1 }, passTypeId: passType.id });
    // … and a link issued now gets the new ones.
    const after = await issue({ passTypeId: passType.id });
    expect(await after.json()).toMatchObject({ rules: { visitLimit: 2 } });
  });

  it("records created, changed (before and after) and deleted in the staff audit", async () => {
    const passType = await create("Audited pass");
    expect(
      (
        await edit(passType.id, {
          name: "Audited pass, renamed",
          rules: { visitLimit: 5 },
          windowMinutes: 14 * 1440,
        })
      ).status,
    ).toBe(200);
    const removed = await h.call(
      passTypeRoute.DELETE,
      { studioId, passTypeId: passType.id },
      {
        method: "DELETE",
        path: `/api/studios/${studioId}/pass-types/${passType.id}`,
        headers: { cookie: owner, origin: h.origin },
      },
    );
    expect(removed.status).toBe(204);

    const [created] = await auditOf("Audited pass");
    expect(created).toMatchObject({ action: "created", studioId, actorKind: "user" });
    expect(created!.changes.name).toEqual({ before: null, after: "Audited pass" });
    const rows = await auditOf("Audited pass, renamed");
    const updated = rows.find((r) => r.action === "updated");
    expect(updated?.changes).toEqual({
      name: { before: "Audited pass", after: "Audited pass, renamed" },
      rules: { before: { visitLimit: 1 }, after: { visitLimit: 5 } },
    });
    expect(rows.find((r) => r.action === "deleted")?.changes.windowMinutes).toEqual({
      before: 14 * 1440,
      after: null,
    });
  });

  it("saved unchanged: 200, and nothing for the audit", async () => {
    const passType = await create("Unchanged pass");
    const same = { name: "Unchanged pass", rules: { visitLimit: 1 }, windowMinutes: 14 * 1440 };
    expect((await edit(passType.id, same)).status).toBe(200);
    expect((await auditOf("Unchanged pass")).map((r) => r.action)).toEqual(["created"]);
  });

  it("404 for an unknown id, a malformed one, or another studio's pass type", async () => {
    const body = { name: "Nobody", rules: {}, windowMinutes: 1440 };
    expect((await edit("00000000-0000-4000-8000-00000000dead", body)).status).toBe(404);
    expect((await edit("not-a-uuid", body)).status).toBe(404);
    const [theirs] = await h.fx.db
      .insert(passTypes)
      .values({
        studioId: DEMO_IDS.geofencedStudio,
        name: "Their pass",
        rules: {},
        windowMinutes: 1440,
      })
      .returning();
    const res = await edit(theirs!.id, body);
    expect(res.status).toBe(404);
    expect(await stored(theirs!.id)).toMatchObject({ name: "Their pass" });
  });

  it("409 on a name another pass type of the studio has; nothing changes", async () => {
    await create("Taken name");
    const mine = await create("Free name");
    const res = await edit(mine.id, { name: "Taken name", rules: {}, windowMinutes: 1440 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe("conflict");
    expect(await stored(mine.id)).toMatchObject({ name: "Free name", rules: { visitLimit: 1 } });
    expect((await auditOf("Taken name")).map((r) => r.action)).toEqual(["created"]);
  });

  it("refuses bad rules with the create schema's field paths, in the caller's language", async () => {
    const mine = await create("Strict pass");
    const zero = await edit(
      mine.id,
      { name: "Strict pass", rules: { visitLimit: 0 }, windowMinutes: 1440 },
      { language: "de" },
    );
    expect(zero.status).toBe(422);
    expect(((await zero.json()) as ErrorBody).error.issues).toEqual([
      expect.objectContaining({
        path: "rules.visitLimit",
        code: "visitLimitTooSmall",
        message: expect.stringContaining("mindestens 1 Besuch"),
      }),
    ]);
    const long = await edit(mine.id, {
      name: "Strict pass",
      rules: { validForMinutes: 2 * 1440 },
      windowMinutes: 1440,
    });
    expect(long.status).toBe(422);
    expect(((await long.json()) as ErrorBody).error.issues).toEqual([
      expect.objectContaining({ path: "rules.validForMinutes", code: "durationExceedsWindow" }),
    ]);
    // A partial body is not a patch of some fields: the whole pass type is required.
    const partial = await edit(mine.id, { name: "Strict pass" });
    expect(partial.status).toBe(422);
    expect(((await partial.json()) as ErrorBody).error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["rules", "windowMinutes"]),
    );
    expect(await stored(mine.id)).toMatchObject({ rules: { visitLimit: 1 } });
  });

  it("is for managers: the front desk may not change a pass type", async () => {
    const mine = await create("Managers only");
    const frontDesk = await h.sessionCookie(DEMO_STAFF.frontDesk.email);
    const res = await edit(
      mine.id,
      { name: "Front desk was here", rules: {}, windowMinutes: 1440 },
      { cookie: frontDesk },
    );
    expect(res.status).toBe(403);
    expect(await stored(mine.id)).toMatchObject({ name: "Managers only" });
    const manager = await h.sessionCookie(DEMO_STAFF.manager.email);
    const ok = await edit(
      mine.id,
      { name: "Managers only", rules: { visitLimit: 3 }, windowMinutes: 1440 },
      { cookie: manager },
    );
    expect(ok.status, await ok.clone().text()).toBe(200);
  });
});
