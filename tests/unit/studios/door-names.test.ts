import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as doorsRoute from "@/app/api/studios/[studioId]/doors/route";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { doorSettings, studios } from "@/lib/db/schema";
import { DEMO_ACCOUNT, DEMO_IDS, DEMO_STAFF } from "@/lib/demo/constants";
import { resolveGeofence } from "@/lib/geo/geofence";
import { doorDisplayNamesSchema, doorOverrideBodySchema } from "@/lib/schemas/studio-settings";
import { pickDoorName, storedDisplayNames } from "@/lib/studios/door-names";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";
import { callRoute, routesUse, signInCookie } from "../../support/route-session";

describe("pickDoorName", () => {
  const names = { de: "Haupteingang", fr: "Entrée principale" };
  it.each([
    ["the reader's language", names, "de", "fr", "Haupteingang"],
    ["the studio's language when the reader's has none", names, "it", "fr", "Entrée principale"],
    ["Kisi's name when neither has one", names, "it", "nl", "Front door"],
    ["Kisi's name without names", null, "de", "en", "Front door"],
    ["Kisi's name for undefined", undefined, "de", "en", "Front door"],
    ["past a blank entry", { de: "  ", en: "Main entrance" }, "de", "en", "Main entrance"],
  ] as const)("takes %s", (_label, displayNames, locale, fallback, expected) => {
    expect(pickDoorName(displayNames, locale, fallback, "Front door")).toBe(expected);
  });

  it("keeps only known languages with text from a stored value", () => {
    expect(storedDisplayNames({ de: " Tür ", xx: "?", fr: "", it: 4, nl: "Deur" })).toEqual({
      de: "Tür",
      nl: "Deur",
    });
    for (const odd of [null, "de", ["Tür"], 5]) expect(storedDisplayNames(odd)).toEqual({});
  });
});

describe("the display-name schema", () => {
  const parse = (names: unknown) => doorDisplayNamesSchema.safeParse(names);
  const issues = (names: unknown) => {
    const r = parse(names);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  it("trims, allows 1–60 characters, and takes '' (or only spaces) as 'remove'", () => {
    expect(parse({ de: "  Haupteingang  ", en: "", fr: "   " })).toEqual({
      success: true,
      data: { de: "Haupteingang", en: "", fr: "" },
    });
    expect(parse({ de: "x".repeat(60) }).success).toBe(true);
    expect(parse({ de: ` ${"x".repeat(60)} ` }).success).toBe(true);
    expect(issues({ de: "x".repeat(61) })).toEqual([expect.stringMatching(/^de:/)]);
  });

  it.each([
    ["NUL", "Front\u0000door"],
    ["LF", "Front\ndoor"],
    ["CR", "Front\rdoor"],
    ["a tab", "Front\tdoor"],
    ["a leading tab (refused, not trimmed away)", "\tFront door"],
    ["a trailing newline", "Front door\n"],
    ["DEL", "Front\u007Fdoor"],
    ["a C1 control (NEL)", "Front\u0085door"],
    ["a line separator", "Front\u2028door"],
    ["a bidi override", "\u202Erood tnorF"],
  ])("refuses %s with the stable message controlCharacters", (_label, name) => {
    expect(issues({ fr: name })).toEqual(["fr:controlCharacters"]);
  });

  it("accepts letters, accents, emoji and joiners", () => {
    expect(parse({ de: "Tür → Saal 2 🚪", nl: "Kleedkamer ‍♀" }).success).toBe(true);
  });

  it("refuses unknown languages and non-strings", () => {
    expect(parse({ pt: "Porta" }).success).toBe(false);
    expect(parse({ "en-GB": "Door" }).success).toBe(false);
    expect(issues({ de: 5 })).toEqual([expect.stringMatching(/^de:/)]);
    expect(issues({ de: null })).toEqual([expect.stringMatching(/^de:/)]);
  });

  it("is optional beside every mode of the door's body", () => {
    for (const body of [
      { lockId: 5001, mode: "inherit" },
      { lockId: 5001, mode: "off", displayNames: { de: "Tür" } },
      { lockId: 5001, mode: "custom", radiusM: 40, displayNames: { de: "Tür" } },
    ])
      expect(doorOverrideBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
    expect(
      doorOverrideBodySchema.safeParse({
        lockId: 5001,
        mode: "custom",
        radiusM: 40,
        displayNames: { de: "a\nb" },
      }).error?.issues[0]?.path,
    ).toEqual(["displayNames", "de"]);
  });
});

describe("PUT and GET /api/studios/{id}/doors with display names", () => {
  let fx: AccessFixture;
  let origin: string;
  let manager: string;
  let undoRoutes: () => void;
  const STUDIO = DEMO_IDS.studio;
  const path = `/api/studios/${STUDIO}/doors`;

  beforeAll(async () => {
    fx = await setupAccessFixture();
    origin = fx.config.appOrigin;
    undoRoutes = routesUse(fx);
    manager = await signInCookie(origin, DEMO_STAFF.manager.email);
  });
  afterAll(async () => {
    undoRoutes();
    await fx.close();
  });
  beforeEach(async () => {
    await fx.db.delete(doorSettings);
    await fx.db.update(studios).set({ defaultLocale: "en" }).where(eq(studios.id, STUDIO));
  });

  const put = (json: unknown, headers: Record<string, string> = {}, cookie = manager) =>
    callRoute(
      doorsRoute.PUT,
      { studioId: STUDIO },
      { origin, cookie, method: "PUT", path, json, headers },
    );
  const get = async () => {
    const res = await callRoute(
      doorsRoute.GET,
      { studioId: STUDIO },
      { origin, cookie: manager, method: "GET", path },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as {
      doors: { id: number; name: string; override: unknown; displayNames: object }[];
    };
  };
  const rows = () => fx.db.select().from(doorSettings);

  it("stores the names, returns them on PUT and GET, and they are the names readers get", async () => {
    const res = await put({
      lockId: 5001,
      mode: "off",
      displayNames: { de: " Haupteingang ", fr: "Entrée" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({
      lockId: 5001,
      override: { mode: "off" },
      displayNames: { de: "Haupteingang", fr: "Entrée" },
      sharedOpenSeconds: null,
    });

    const { doors } = await get();
    expect(doors.find((d) => d.id === 5001)).toEqual({
      id: 5001,
      name: "Front door",
      override: { mode: "off" },
      displayNames: { de: "Haupteingang", fr: "Entrée" },
      sharedOpenSeconds: null,
    });
    expect(doors.find((d) => d.id === 5002)?.displayNames).toEqual({});

    // Used: what the guest page, the email and the audit load (and the geofence still applies).
    const overrides = await loadStudioDoorOverrides(fx.db, STUDIO);
    const names = overrides.get(5001)?.displayNames;
    expect(pickDoorName(names, "de", "en", "Front door")).toBe("Haupteingang");
    expect(pickDoorName(names, "it", "fr", "Front door")).toBe("Entrée");
    expect(pickDoorName(names, "en", "en", "Front door")).toBe("Front door");
    const studioFence = {
      enabled: true,
      latitude: 52.5,
      longitude: 13.4,
      radiusM: 100,
      maxAccuracyM: 150,
      maxAgeS: 60,
    };
    expect(
      resolveGeofence(studioFence, await doorOverrides(fx.db, STUDIO, 5001), null).enabled,
    ).toBe(false);
  });

  it("merges: a name sets its language, '' removes it, a language left out is kept", async () => {
    await put({ lockId: 5001, mode: "off", displayNames: { de: "Tür", fr: "Porte", nl: "Deur" } });
    const res = await put({
      lockId: 5001,
      mode: "custom",
      radiusM: 40,
      displayNames: { de: "Haustür", fr: "" },
    });
    expect(await res.json()).toMatchObject({
      override: { mode: "custom", radiusM: 40 },
      displayNames: { de: "Haustür", nl: "Deur" },
    });
    // A body without displayNames (every caller before this change) leaves them alone.
    await put({ lockId: 5001, mode: "custom", radiusM: 60 });
    expect((await rows())[0]).toMatchObject({
      geofenceRadiusM: 60,
      displayNames: { de: "Haustür", nl: "Deur" },
    });
  });

  it("keeps a named door's row on inherit (fence inherited), and drops it with its last name", async () => {
    await put({ lockId: 5002, mode: "custom", radiusM: 40, displayNames: { de: "Saal 1" } });
    await put({ lockId: 5002, mode: "inherit" });
    expect(await rows()).toEqual([
      expect.objectContaining({
        kisiLockId: 5002,
        geofenceEnabled: null,
        geofenceRadiusM: null,
        displayNames: { de: "Saal 1" },
      }),
    ]);
    expect((await get()).doors.find((d) => d.id === 5002)?.override).toEqual({ mode: "inherit" });
    const res = await put({ lockId: 5002, mode: "inherit", displayNames: { de: "" } });
    expect(await res.json()).toEqual({
      lockId: 5002,
      override: { mode: "inherit" },
      displayNames: {},
      sharedOpenSeconds: null,
    });
    expect(await rows()).toEqual([]);
    expect(await doorOverrides(fx.db, STUDIO, 5002)).toBeNull();
  });

  it("lands both of two saves of different languages made at once", async () => {
    const results = await Promise.all([
      put({ lockId: 5003, mode: "off", displayNames: { de: "Umkleide" } }),
      put({ lockId: 5003, mode: "off", displayNames: { fr: "Vestiaire" } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect((await rows())[0]?.displayNames).toEqual({ de: "Umkleide", fr: "Vestiaire" });
  });

  it.each([
    [
      "a control character",
      { de: "Haupt\neingang" },
      "displayNames.de",
      "darf keine Zeilenumbrüche, Tabulatoren oder andere Steuerzeichen enthalten",
    ],
    ["61 characters", { de: "x".repeat(61) }, "displayNames.de", /60/],
    ["an unknown language", { pt: "Porta" }, "displayNames", /pt/],
    ["a number", { fr: 7 }, "displayNames.fr", /string/],
  ])(
    "answers %s with 422, the field's path and a message in the caller's language, writing nothing",
    async (_label, displayNames, field, message) => {
      await put({ lockId: 5001, mode: "off", displayNames: { de: "Tür" } });
      const before = await rows();
      const res = await put(
        { lockId: 5001, mode: "custom", radiusM: 40, displayNames },
        { "accept-language": "de-DE,de;q=0.9" },
      );
      expect(res.status).toBe(422);
      const body = (await res.json()) as {
        error: { code: string; message: string; issues: { path: string; message: string }[] };
      };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.message).toBe("Einige der gesendeten Daten sind ungültig.");
      // One issue on the field (Latchkey's own rules also carry their key as `code`).
      expect(body.error.issues).toHaveLength(1);
      expect(body.error.issues[0]).toMatchObject({ path: field, message: expect.any(String) });
      expect(body.error.issues[0]!.message).toMatch(message);
      expect(await rows()).toEqual(before);
    },
  );

  it("is for managers and owners: front desk gets 403 and nothing is stored", async () => {
    const frontDesk = await signInCookie(origin, DEMO_STAFF.frontDesk.email, "198.51.100.81");
    const res = await put(
      { lockId: 5001, mode: "off", displayNames: { de: "Tür" } },
      {},
      frontDesk,
    );
    expect(res.status).toBe(403);
    expect(await rows()).toEqual([]);
    const owner = await signInCookie(origin, DEMO_ACCOUNT.email, "198.51.100.82");
    expect(
      (await put({ lockId: 5001, mode: "off", displayNames: { de: "Tür" } }, {}, owner)).status,
    ).toBe(200);
  });
});

/** One door's stored overrides, as the studio's door list reads them (null: none stored). */
async function doorOverrides(
  db: Parameters<typeof loadStudioDoorOverrides>[0],
  studioId: string,
  lockId: number,
) {
  return (await loadStudioDoorOverrides(db, studioId)).get(lockId) ?? null;
}
