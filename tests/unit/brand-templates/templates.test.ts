import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { brandTemplates, passTypes, studioLogos, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { listPassTypes } from "@/lib/access-rules/pass-types";
import {
  applyBrandTemplate,
  brandTemplateView,
  createBrandTemplate,
  findBrandTemplateOrThrow,
  listBrandTemplates,
  updateBrandTemplate,
} from "@/lib/brand-templates/templates";
import {
  createBrandTemplateBodySchema,
  updateBrandTemplateBodySchema,
} from "@/lib/brand-templates/schemas";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
const OURS = [DEMO_IDS.organization];
const THEIRS = [DEMO_IDS.otherOrganization];
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(async () => {
  await fx.close();
});
beforeEach(async () => {
  await fx.db.delete(brandTemplates);
});

const studio = async (id: string) =>
  (await fx.db.select().from(studios).where(eq(studios.id, id)))[0]!;
const body = (b: unknown) => createBrandTemplateBodySchema.parse(b);

describe("brand templates", () => {
  it("snapshot a studio's branding and logo, and applying copies it: later edits stay in the template", async () => {
    await fx.db
      .insert(studioLogos)
      .values({ studioId: DEMO_IDS.studio, contentType: "image/png", bytes: PNG })
      .onConflictDoNothing();
    const template = await createBrandTemplate(
      fx.db,
      OURS,
      body({ name: "Franchise", fromStudioId: DEMO_IDS.studio }),
    );
    expect(template).toMatchObject({
      organizationId: DEMO_IDS.organization,
      primaryColor: "#7c3aed",
      accentColor: "#f59e0b",
      supportEmail: "frontdesk@latchkey.test",
      logoContentType: "image/png",
    });

    expect(await applyBrandTemplate(fx.db, template, [DEMO_IDS.geofencedStudio])).toBe(1);
    const applied = await studio(DEMO_IDS.geofencedStudio);
    expect(applied).toMatchObject({
      primaryColor: "#7c3aed",
      accentColor: "#f59e0b",
      senderName: template.senderName,
      supportEmail: "frontdesk@latchkey.test",
      supportPhone: "+49 30 1234567",
      logoPath: expect.stringContaining(`/api/studio-logos/${DEMO_IDS.geofencedStudio}?v=`),
    });
    const [logo] = await fx.db
      .select()
      .from(studioLogos)
      .where(eq(studioLogos.studioId, DEMO_IDS.geofencedStudio));
    expect(logo?.bytes.equals(PNG)).toBe(true);

    await updateBrandTemplate(
      fx.db,
      template,
      updateBrandTemplateBodySchema.parse({ primaryColor: "#000000" }),
    );
    expect((await studio(DEMO_IDS.geofencedStudio)).primaryColor).toBe("#7c3aed");
  });

  it("keep organizations apart: another owner's template, studio or target is a 404, and nothing changes", async () => {
    const template = await createBrandTemplate(
      fx.db,
      OURS,
      body({ name: "Ours", primaryColor: "#111111", accentColor: "#222222" }),
    );
    await expect(findBrandTemplateOrThrow(fx.db, THEIRS, template.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await listBrandTemplates(fx.db, THEIRS)).toEqual([]);
    await expect(
      createBrandTemplate(fx.db, THEIRS, body({ name: "Steal", fromStudioId: DEMO_IDS.studio })),
    ).rejects.toMatchObject({ code: "not_found" });

    const before = await studio(DEMO_IDS.otherStudio);
    await expect(
      applyBrandTemplate(fx.db, template, [DEMO_IDS.geofencedStudio, DEMO_IDS.otherStudio]),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await studio(DEMO_IDS.otherStudio)).primaryColor).toBe(before.primaryColor);
    // All or nothing: the own studio in the same request was not changed either.
    expect((await studio(DEMO_IDS.geofencedStudio)).primaryColor).not.toBe("#111111");
  });

  it("refuse a second template of the same name as a conflict, and a hand-made one without colours", async () => {
    const b = body({ name: "Same", primaryColor: "#111111", accentColor: "#222222" });
    await createBrandTemplate(fx.db, OURS, b);
    await expect(createBrandTemplate(fx.db, OURS, b)).rejects.toMatchObject({ code: "conflict" });
    expect(createBrandTemplateBodySchema.safeParse({ name: "No colours" }).success).toBe(false);
  });

  it("carry pass types: applying adds them to each studio, and one of the same name takes the template's", async () => {
    await fx.db.delete(passTypes);
    await fx.db.insert(passTypes).values([
      {
        studioId: DEMO_IDS.studio,
        name: "Day pass",
        rules: { validForMinutes: 600 },
        windowMinutes: 1440,
      },
      {
        studioId: DEMO_IDS.studio,
        name: "Studio's own",
        rules: { visitLimit: 5 },
        windowMinutes: 60,
      },
    ]);
    const template = await createBrandTemplate(
      fx.db,
      OURS,
      body({
        name: "With passes",
        primaryColor: "#111111",
        accentColor: "#eeeeee",
        passTypes: [
          { name: "Trial class", rules: { visitLimit: 1 }, windowMinutes: 14 * 1440, locale: "de" },
          { name: "Day pass", rules: { validForMinutes: 1440 }, windowMinutes: 30 * 1440 },
        ],
      }),
    );
    expect(brandTemplateView(template).passTypes.map((p) => p.name)).toEqual([
      "Trial class",
      "Day pass",
    ]);
    expect(
      await applyBrandTemplate(fx.db, template, [DEMO_IDS.studio, DEMO_IDS.geofencedStudio]),
    ).toBe(2);
    const ours = await listPassTypes(fx.db, DEMO_IDS.studio);
    expect(ours.map((p) => p.name)).toEqual(["Day pass", "Studio's own", "Trial class"]);
    expect(ours.find((p) => p.name === "Day pass")).toMatchObject({
      rules: { validForMinutes: 1440 },
      windowMinutes: 30 * 1440,
    });
    expect(ours.find((p) => p.name === "Trial class")).toMatchObject({ locale: "de" });
    const theirs = await listPassTypes(fx.db, DEMO_IDS.geofencedStudio);
    expect(theirs.map((p) => p.name)).toEqual(["Day pass", "Trial class"]);
    // Applying again changes nothing more (no duplicates).
    await applyBrandTemplate(fx.db, template, [DEMO_IDS.geofencedStudio]);
    expect(await listPassTypes(fx.db, DEMO_IDS.geofencedStudio)).toHaveLength(2);
    await fx.db.delete(passTypes);
  });

  it("check a template's pass types as a studio's: bad rules and a repeated name are field errors", () => {
    const paths = (passTypesInput: unknown) => {
      const r = createBrandTemplateBodySchema.safeParse({
        name: "T",
        primaryColor: "#111111",
        accentColor: "#eeeeee",
        passTypes: passTypesInput,
      });
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(paths([{ name: "A", rules: { visitLimit: 0 }, windowMinutes: 60 }])).toEqual([
      "passTypes.0.rules.visitLimit",
    ]);
    expect(
      paths([
        { name: "Trial", rules: {}, windowMinutes: 60 },
        { name: "trial", rules: {}, windowMinutes: 60 },
      ]),
    ).toEqual(["passTypes.1.name"]);
    expect(paths([{ name: "Day", rules: { validForMinutes: 120 }, windowMinutes: 60 }])).toEqual([
      "passTypes.0.rules.validForMinutes",
    ]);
  });
});
