import { z } from "zod";
import { singleLineText } from "@/lib/schemas/text";

/** POST /api/studios/{studioId}/api-tokens: a name that says which system holds the token. */
export const createApiTokenBodySchema = z.strictObject({
  name: singleLineText({ min: 1, max: 80 }),
});

export type CreateApiTokenBody = z.infer<typeof createApiTokenBodySchema>;
