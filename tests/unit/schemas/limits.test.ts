import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inputLimits, numberRange } from "@/lib/schemas/limits";
import { GEOFENCE_LIMITS, updateStudioBodySchema } from "@/lib/schemas/studios";

const branding = updateStudioBodySchema.shape.branding.unwrap().shape;
const geofence = updateStudioBodySchema.shape.geofence.unwrap().shape;

describe("inputLimits: a form control's bounds are the schema's own", () => {
  it("reads text lengths through nullable and optional", () => {
    expect(inputLimits(branding.senderName)).toEqual({ maxLength: 80 });
    expect(inputLimits(branding.supportPhone)).toEqual({ maxLength: 40 });
    expect(inputLimits(branding.replyTo)).toEqual({ maxLength: 254 });
    expect(inputLimits(branding.address)).toEqual({ maxLength: 300 });
    expect(inputLimits(z.string().min(2).max(9).nullable())).toEqual({
      minLength: 2,
      maxLength: 9,
    });
  });

  it("reads number ranges, the geofence's from the one table of limits", () => {
    expect(numberRange(geofence.radiusM)).toEqual(GEOFENCE_LIMITS.radiusM);
    expect(numberRange(geofence.maxAccuracyM)).toEqual(GEOFENCE_LIMITS.maxAccuracyM);
    expect(numberRange(geofence.maxAgeS)).toEqual(GEOFENCE_LIMITS.maxAgeS);
    expect(inputLimits(geofence.latitude)).toEqual({ min: -90, max: 90 });
  });

  it("gives nothing for a schema without bounds, and refuses a range that is not there", () => {
    expect(inputLimits(branding.primaryColor)).toEqual({});
    expect(inputLimits(z.number().int())).toEqual({});
    expect(() => numberRange(z.number().min(1))).toThrow(/no number range/);
  });
});
