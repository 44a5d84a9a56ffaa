import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // Tokens and secrets come from node:crypto only (SECURITY.md A-1).
      "no-restricted-properties": [
        "error",
        {
          object: "Math",
          property: "random",
          message:
            "Use node:crypto for anything secret; Math.random only for jitter, with an eslint-disable comment saying so.",
        },
        {
          object: "process",
          property: "env",
          message: "Read configuration through lib/config (getConfig) only.",
        },
      ],
    },
  },
  {
    // The places allowed to read the environment: the config module, start-up (instrumentation
    // and the production server's entry, lib/server/serve.ts), CLI, tests, and
    // proxy.ts, which reads only NODE_ENV (a build-mode flag Next inlines, not configuration).
    files: [
      "lib/config/**",
      "instrumentation.ts",
      "lib/server/serve.ts",
      "proxy.ts",
      "lib/cli/**",
      "tests/**",
      "playwright.config.ts",
      "lib/kisi/emulator/**",
      "bench/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
]);
