import { z } from "zod";

/**
 * A studio's way to its first guest, in order: the Kisi key, the Kisi group, its doors,
 * branding, a test link to yourself. Its own module so the browser's contracts can name the
 * steps without importing the server's readers.
 */
export const ONBOARDING_STEPS = ["key", "group", "doors", "branding", "testLink"] as const;
/** Why a studio cannot issue: no key, a key Kisi refused, no group, a group the key may not use. */
export const NOT_CONNECTED_REASONS = [
  "key_missing",
  "key_rejected",
  "no_group",
  "group_forbidden",
] as const;

export const onboardingStepSchema = z.object({
  id: z.enum(ONBOARDING_STEPS),
  state: z.enum(["done", "todo", "problem"]),
});

export const studioOnboardingSchema = z.object({
  connected: z.boolean(),
  reason: z.enum(NOT_CONNECTED_REASONS).nullable(),
  steps: z.array(onboardingStepSchema),
});

export type OnboardingStep = z.infer<typeof onboardingStepSchema>;
export type StudioOnboarding = z.infer<typeof studioOnboardingSchema>;
