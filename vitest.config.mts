import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside the react-server condition; unit tests run lib code directly.
      "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
    environment: "node",
    setupFiles: ["tests/support/quiet-logs.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // PGlite takes ~3 s per fresh database on 2 cores; keep parallelism modest.
    maxWorkers: 2,
  },
});
