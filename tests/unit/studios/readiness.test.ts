import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kisiCredentials, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { loadStudioReadiness, studioReadiness } from "@/lib/studios/readiness";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

describe("studio readiness", () => {
  it.each([
    [
      { keyStatus: null, kisiGroupId: 7 },
      { ready: false, blocker: "no_key" },
    ],
    [
      { keyStatus: "invalid", kisiGroupId: 7 },
      { ready: false, blocker: "key_invalid" },
    ],
    [
      { keyStatus: "valid", kisiGroupId: null },
      { ready: false, blocker: "no_group" },
    ],
    [
      { keyStatus: "unverified", kisiGroupId: null },
      { ready: false, blocker: "no_group" },
    ],
    [
      { keyStatus: "group_forbidden", kisiGroupId: 7 },
      { ready: true, warning: "group_forbidden" },
    ],
    [
      { keyStatus: "valid", kisiGroupId: 7 },
      { ready: true, warning: null },
    ],
  ] as const)("%j → %j", (studio, expected) => {
    expect(studioReadiness(studio)).toEqual(expected);
  });
});

describe("readiness from the database, as issuing sees it", () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await setupAccessFixture();
  });
  afterAll(() => fx.close());

  it("follows the studio's key and group, and issuing refuses exactly when it is not ready", async () => {
    expect(await loadStudioReadiness(fx.db, DEMO_IDS.studio)).toEqual({
      ready: true,
      warning: null,
    });
    const [studio] = await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio));
    await fx.db
      .update(kisiCredentials)
      .set({ status: "invalid" })
      .where(eq(kisiCredentials.id, studio!.kisiCredentialId!));
    expect(await loadStudioReadiness(fx.db, DEMO_IDS.studio)).toEqual({
      ready: false,
      blocker: "key_invalid",
    });
    await expect(fx.issue()).rejects.toMatchObject({ code: "kisi_key_invalid" });

    await fx.db
      .update(kisiCredentials)
      .set({ status: "valid" })
      .where(eq(kisiCredentials.id, studio!.kisiCredentialId!));
    await fx.db.update(studios).set({ kisiGroupId: null }).where(eq(studios.id, DEMO_IDS.studio));
    expect(await loadStudioReadiness(fx.db, DEMO_IDS.studio)).toEqual({
      ready: false,
      blocker: "no_group",
    });
    await expect(fx.issue()).rejects.toMatchObject({ code: "studio_not_ready" });
  });
});
