/** The demo owner printed by `npm run demo`. Public on purpose: demo data is throwaway and local. */
export const DEMO_ACCOUNT = {
  email: "owner@latchkey.test",
  password: "latchkey-demo-owner",
  name: "Demo Owner",
} as const;

/** Fixed ids of the demo tenant, so the seed is idempotent and tests can address it. */
export const DEMO_IDS = {
  organization: "00000000-0000-4000-8000-000000000001",
  credential: "00000000-0000-4000-8000-000000000002",
  studio: "00000000-0000-4000-8000-000000000003",
  geofencedStudio: "00000000-0000-4000-8000-000000000004",
} as const;
