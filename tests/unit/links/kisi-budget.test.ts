import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_IDS } from "@/lib/demo/constants";
import { KisiClient } from "@/lib/kisi/client";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import { connectKisiKey, createStudio, updateStudio } from "@/lib/studios/settings";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture({ rateLimitPerSecond: 5 }); // Kisi's real limit
});
afterAll(() => fx.close());

it(
  "two studios on the same Kisi key share one pace: issuing in both never provokes a 429",
  { timeout: 30_000 },
  async () => {
    // A franchise on one Kisi account: the same key, stored twice (two credential rows).
    const second = await createStudio(
      fx.db,
      (await fx.db.query.studios.findFirst())!.organizationId,
      { name: "Second", timeZone: "UTC", defaultLocale: "en" },
    );
    const paced = new KisiClient({ baseUrl: fx.emulator.url }); // production pacing
    const deps = { ...fx.deps, kisi: paced };
    await connectKisiKey(deps, second, DEMO_SEED.apiKey);
    await updateStudio(
      deps,
      (await fx.db.query.studios.findFirst({ where: (s, { eq }) => eq(s.id, second.id) }))!,
      { kisiGroupId: DEMO_SEED.groupId },
    );
    fx.emulator.requests.length = 0;

    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fx.issue({ studioId: i % 2 ? second.id : DEMO_IDS.studio, guestName: `Burst ${i}` }, paced),
      ),
    );
    expect(fx.emulator.requests.filter((r) => r.path === "/group_links")).toHaveLength(12);
    expect(fx.emulator.requests.filter((r) => r.status === 429)).toEqual([]);
  },
);
