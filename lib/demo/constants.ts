/** The demo owner printed by `npm run demo`. Public on purpose: demo data is throwaway and local. */
export const DEMO_ACCOUNT = {
  email: "owner@latchkey.test",
  password: "latchkey-demo-owner",
  name: "Demo Owner",
} as const;

/**
 * The rest of the demo's people, to try every role: a manager and a front-desk member of the
 * Demo Studio only, and the owner of a second, unrelated organization. Same demo password.
 */
export const DEMO_STAFF = {
  manager: { email: "manager@latchkey.test", name: "Mia Manager" },
  frontDesk: { email: "frontdesk@latchkey.test", name: "Finn Frontdesk" },
  otherOwner: { email: "owner@other.test", name: "Olivier Other" },
} as const;

/** Fixed ids of the demo tenant, so the seed is idempotent and tests can address it. */
export const DEMO_IDS = {
  organization: "00000000-0000-4000-8000-000000000001",
  credential: "00000000-0000-4000-8000-000000000002",
  studio: "00000000-0000-4000-8000-000000000003",
  geofencedStudio: "00000000-0000-4000-8000-000000000004",
  otherOrganization: "00000000-0000-4000-8000-000000000011",
  otherCredential: "00000000-0000-4000-8000-000000000012",
  otherStudio: "00000000-0000-4000-8000-000000000013",
} as const;
