import { describe, expect, it } from "vitest";
import { distanceMeters } from "@/lib/geo/distance";
import { decideGeofence, resolveGeofence, type GeofenceSettings } from "@/lib/geo/geofence";

const STUDIO = { latitude: 52.52967, longitude: 13.40129 };
const NOW = new Date("2026-11-21T18:00:00Z");
const fence: GeofenceSettings = {
  enabled: true,
  center: STUDIO,
  radiusM: 100,
  maxAccuracyM: 150,
  maxAgeS: 60,
};

/** A point `meters` due north of the studio (1 m of latitude ≈ 1/111195 degree). */
const north = (meters: number) => ({
  latitude: STUDIO.latitude + meters / 111_195.08,
  longitude: STUDIO.longitude,
});
const fresh = (meters: number, accuracy = 20, ageS = 5) => ({
  ...north(meters),
  accuracy,
  capturedAt: new Date(NOW.getTime() - ageS * 1000).toISOString(),
});

describe("distanceMeters", () => {
  it("measures one degree of latitude as R·π/180", () => {
    expect(
      distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }),
    ).toBeCloseTo(111_195.08, 1);
  });
  it("measures Berlin to Paris at about 877 km, symmetrically", () => {
    const berlin = { latitude: 52.52, longitude: 13.405 };
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    expect(distanceMeters(berlin, paris) / 1000).toBeCloseTo(877.5, 0);
    expect(distanceMeters(berlin, paris)).toBeCloseTo(distanceMeters(paris, berlin), 6);
  });
  it("is zero for the same point and finite across the antimeridian", () => {
    expect(distanceMeters(STUDIO, STUDIO)).toBe(0);
    expect(
      distanceMeters({ latitude: 0, longitude: 179.9999 }, { latitude: 0, longitude: -179.9999 }),
    ).toBeCloseTo(22.24, 1);
  });
});

describe("decideGeofence", () => {
  it.each([
    ["inside", fresh(30), { allowed: true }],
    ["exactly on the radius", fresh(99.9), { allowed: true }],
    ["just outside", fresh(100.5), { allowed: false, code: "too_far" }],
    ["far away", fresh(5_000), { allowed: false, code: "too_far" }],
    ["accuracy at the limit", fresh(30, 150), { allowed: true }],
    ["accuracy over the limit", fresh(30, 150.1), { allowed: false, code: "location_imprecise" }],
    [
      "no accuracy",
      { ...north(30), capturedAt: NOW.toISOString() },
      { allowed: false, code: "location_imprecise" },
    ],
    ["a fix 60 s old", fresh(30, 20, 60), { allowed: true }],
    ["a fix 61 s old", fresh(30, 20, 61), { allowed: false, code: "location_stale" }],
    ["no timestamp", { ...north(30), accuracy: 20 }, { allowed: false, code: "location_stale" }],
    [
      "a timestamp far in the future",
      fresh(30, 20, -120),
      { allowed: false, code: "location_stale" },
    ],
    ["no position", null, { allowed: false, code: "location_required" }],
    [
      "a partial position",
      { latitude: STUDIO.latitude },
      { allowed: false, code: "location_required" },
    ],
  ])("%s", (_label, fix, expected) => {
    expect(decideGeofence(fence, fix, NOW)).toMatchObject(expected);
  });

  it("imprecision is judged before staleness and distance, and the distance is recorded", () => {
    const decision = decideGeofence(fence, fresh(5_000, 500, 600), NOW);
    expect(decision).toMatchObject({ allowed: false, code: "location_imprecise", accuracyM: 500 });
    expect(decision.distanceM).toBeCloseTo(5_000, 0);
  });

  it("allows anything when the fence is off, without needing a position", () => {
    expect(decideGeofence({ ...fence, enabled: false }, null, NOW)).toEqual({
      allowed: true,
      distanceM: null,
      accuracyM: null,
    });
  });

  it("fails closed when the fence has no centre", () => {
    expect(decideGeofence({ ...fence, center: null }, fresh(0), NOW)).toMatchObject({
      allowed: false,
      code: "geofence_unconfigured",
    });
  });
});

describe("resolveGeofence", () => {
  const studio = {
    enabled: true,
    latitude: null,
    longitude: null,
    radiusM: 100,
    maxAccuracyM: 150,
    maxAgeS: 60,
  };
  const place = { latitude: 1, longitude: 2 };

  it("defaults the centre to the Kisi place", () => {
    expect(resolveGeofence(studio, null, place)).toEqual({ ...fence, center: place });
  });
  it("prefers the studio's own centre, then the door's", () => {
    const own = { ...studio, latitude: 3, longitude: 4 };
    expect(resolveGeofence(own, null, place).center).toEqual({ latitude: 3, longitude: 4 });
    const door = { enabled: null, latitude: 5, longitude: 6, radiusM: 25, maxAccuracyM: null };
    expect(resolveGeofence(own, door, place)).toMatchObject({
      center: { latitude: 5, longitude: 6 },
      radiusM: 25,
      maxAccuracyM: 150,
    });
  });
  it("lets a door switch the fence off or on", () => {
    const off = {
      enabled: false,
      latitude: null,
      longitude: null,
      radiusM: null,
      maxAccuracyM: null,
    };
    expect(resolveGeofence(studio, off, place).enabled).toBe(false);
    expect(
      resolveGeofence({ ...studio, enabled: false }, { ...off, enabled: true }, place).enabled,
    ).toBe(true);
  });
});
