/** The line lib/cli/demo-seed.ts prints the sample links on, for lib/cli/demo.ts to find. */
export const SAMPLES_PREFIX = "latchkey-demo-samples ";
