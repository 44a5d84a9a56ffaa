import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearGroupLocksCache } from "@/lib/access/group-locks";
import { sharedDoorWarnings, type DoorFenceInfo } from "@/lib/access/door-fence";
import { doorSettings, kisiGroupDoors, studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { DEMO_SEED } from "@/lib/kisi/emulator";
import type { GeofenceSettings } from "@/lib/geo/geofence";
import { studioDoors } from "@/lib/studios/doors";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

/**
 * The settings page's warning for doors a studio shares with another studio of its organization
 * that fences them otherwise, with the fence that really applies (the unlock's own rule). Through
 * the real door list (the Kisi emulator's group locks) and the real fence query.
 */
let fx: AccessFixture;
const CLIMBING = "Latchkey Climbing (geofenced)";

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());
afterEach(async () => {
  clearGroupLocksCache();
  await fx.db
    .update(studios)
    .set({ kisiGroupId: DEMO_SEED.climbingGroupId, geofenceEnabled: true, geofenceRadiusM: 100 })
    .where(eq(studios.id, DEMO_IDS.geofencedStudio));
  await fx.setGeofence({ geofenceEnabled: false, geofenceRadiusM: 100 });
  await fx.db.delete(doorSettings);
  await fx.db.delete(kisiGroupDoors);
});

const demoStudio = async () =>
  (await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio)))[0]!;
const moveClimbing = (values: Partial<typeof studios.$inferInsert>) =>
  fx.db.update(studios).set(values).where(eq(studios.id, DEMO_IDS.geofencedStudio));

describe("doors shared with a differently fenced studio", () => {
  it("none while the studios' groups share nothing", async () => {
    expect((await studioDoors(fx.deps, await demoStudio())).sharedDoors).toEqual([]);
  });

  it("a sibling on the same group with a fence: every door, with the sibling's fence as the effective one", async () => {
    await moveClimbing({ kisiGroupId: DEMO_SEED.groupId });
    const { sharedDoors } = await studioDoors(fx.deps, await demoStudio());
    expect(sharedDoors.map((d) => [d.lockId, d.others.map((o) => o.name)])).toEqual([
      [5001, [CLIMBING]],
      [5003, [CLIMBING]],
      [5002, [CLIMBING]],
    ]);
    for (const door of sharedDoors) {
      expect(door.others[0]!.fence).toMatchObject({ enabled: true, radiusM: 100 });
      expect(door.effective).toMatchObject({ enabled: true, radiusM: 100 });
      // The default centre is the Kisi place's, as the unlock uses it.
      expect(door.effective?.center).toEqual({
        latitude: DEMO_SEED.latitude,
        longitude: DEMO_SEED.longitude,
      });
    }
  });

  it("the strictest fence is the effective one; identical fences warn about nothing", async () => {
    await moveClimbing({ kisiGroupId: DEMO_SEED.groupId, geofenceRadiusM: 60 });
    await fx.setGeofence({ geofenceEnabled: true, geofenceRadiusM: 400 });
    const shared = (await studioDoors(fx.deps, await demoStudio())).sharedDoors;
    expect(shared).toHaveLength(3);
    expect(shared.every((d) => d.effective?.radiusM === 60)).toBe(true);

    await fx.setGeofence({ geofenceEnabled: true, geofenceRadiusM: 60 });
    expect((await studioDoors(fx.deps, await demoStudio())).sharedDoors).toEqual([]);
    // A door override makes that one door differ again.
    await fx.db
      .insert(doorSettings)
      .values({ studioId: DEMO_IDS.studio, kisiLockId: 5002, geofenceEnabled: false });
    const [only, ...rest] = (await studioDoors(fx.deps, await demoStudio())).sharedDoors;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ lockId: 5002, effective: { radiusM: 60 } });
  });

  it("a studio on another group that was seen to hold one of the doors", async () => {
    await fx.db.insert(kisiGroupDoors).values({
      organizationId: DEMO_IDS.organization,
      kisiGroupId: DEMO_SEED.climbingGroupId,
      kisiLockId: 5001,
    });
    const { sharedDoors } = await studioDoors(fx.deps, await demoStudio());
    expect(sharedDoors.map((d) => d.lockId)).toEqual([5001]);
  });
});

describe("sharedDoorWarnings (pure)", () => {
  const fence = (radiusM: number, enabled = true): GeofenceSettings => ({
    enabled,
    center: { latitude: 52.5, longitude: 13.4 },
    radiusM,
    maxAccuracyM: 50,
    maxAgeS: 60,
  });
  const info = (own: GeofenceSettings, other: GeofenceSettings): DoorFenceInfo => ({
    fences: new Map([[1, [own, other].filter((f) => f.enabled)]]),
    displayNames: new Map(),
    sharedOpenSeconds: new Map(),
    holders: new Map([
      [
        1,
        [
          { studioId: "a", studioName: "A", fence: own },
          { studioId: "b", studioName: "B", fence: other },
        ],
      ],
    ]),
  });

  it("warns when one side is fenced and the other not, or the fences differ", () => {
    expect(sharedDoorWarnings(info(fence(100, false), fence(80)), "a")[0]?.effective?.radiusM).toBe(
      80,
    );
    expect(sharedDoorWarnings(info(fence(100), fence(80)), "a")).toHaveLength(1);
    expect(sharedDoorWarnings(info(fence(100), fence(100)), "a")).toEqual([]);
    // Two unfenced holders differ in nothing that matters: no fence applies either way.
    expect(sharedDoorWarnings(info(fence(100, false), fence(30, false)), "a")).toEqual([]);
  });
});
