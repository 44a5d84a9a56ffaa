/** The demo owner printed by `npm run demo`. Public on purpose: demo data is throwaway and local. */
export const DEMO_ACCOUNT = {
  email: "owner@latchkey.test",
  password: "latchkey-demo-owner",
  name: "Demo Owner",
} as const;
