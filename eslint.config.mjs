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
    // No import loops: a module never needs, through any chain of imports, the module that needs
    // it (docs/architecture.md "Layers"). Type-only imports (`import type`) are erased at build
    // time and may point back; tests/unit/lint/lint-rules.test.ts shows the rule catching one.
    files: ["{lib,components,app}/**/*.{ts,tsx,mts,mjs,js}", "proxy.ts", "instrumentation.ts"],
    // Packages are never part of a loop of ours: not parsed at all (PGlite's bundle alone would
    // cost minutes).
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Components call the API through components/api/ only: one fetch, one error envelope, the
    // contract's types (lib/contracts/client.ts).
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["components/api/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        {
          name: "fetch",
          message: "Call the API through components/api/ (useApi, useApiMutation, callApi).",
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
