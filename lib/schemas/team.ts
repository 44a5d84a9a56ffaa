import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { singleLineText } from "@/lib/schemas/text";

/**
 * The roles in a studio, here rather than in the database schema so the browser's contracts
 * and forms can name them without importing drizzle.
 */
export const ROLES = ["owner", "manager", "front_desk"] as const;
export type Role = (typeof ROLES)[number];

/** The roles an invitation can grant: owners are never invited from a studio's team page. */
export const INVITABLE_ROLES = ["manager", "front_desk"] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/**
 * Request bodies of the team API and the accept page. `role` never admits "owner": owners are
 * made by provisioning, never invited from a studio.
 */
export const inviteBodySchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase()),
  role: z.enum(INVITABLE_ROLES),
  locale: z.enum(LOCALES),
});
export type InviteBody = z.infer<typeof inviteBodySchema>;

export const changeRoleBodySchema = z.strictObject({ role: z.enum(INVITABLE_ROLES) });

/** Same bounds as better-auth's (lib/auth/create-auth.ts), checked before any work is done. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const acceptBodySchema = z.strictObject({
  token: singleLineText({ min: 1, max: 100 }),
  // Only for a new person; someone with an account accepts while signed in.
  name: singleLineText({ min: 1, max: 120 }).optional(),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).optional(),
});
export type AcceptBody = z.infer<typeof acceptBodySchema>;
