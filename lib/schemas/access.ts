import { z } from "zod";

/** POST /api/access/doors/{lockId}/unlock body: the phone's fix, when the door is geofenced. */
export const unlockBodySchema = z
  .strictObject({
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    accuracy: z.number().positive().max(1_000_000).optional(),
    capturedAt: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).optional(),
  })
  .refine((b) => (b.latitude === undefined) === (b.longitude === undefined), {
    message: "coordinatesTogether",
    path: ["longitude"],
  });
export type UnlockBody = z.infer<typeof unlockBodySchema>;
