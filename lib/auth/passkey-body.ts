import { z } from "zod";
import { singleLineText } from "@/lib/schemas/text";

/** The most a passkey's name may hold: enough for "Work laptop (Chrome)" in any language. */
export const PASSKEY_NAME_MAX = 64;

/**
 * POST /api/auth/passkey/verify-registration as the account page sends it: the authenticator's
 * answer (checked by better-auth), the name the person gave the passkey and their password.
 */
export const passkeyRegistrationBody = z.object({
  response: z.record(z.string(), z.unknown()),
  name: singleLineText({ min: 1, max: PASSKEY_NAME_MAX }).optional(),
  password: z.string().max(128),
});
