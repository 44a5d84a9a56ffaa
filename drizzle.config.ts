import { defineConfig } from "drizzle-kit";

// `npm run db:generate` diffs lib/db/schema.ts against the checked-in migrations and writes the
// next one. Generation needs no database; migrations are applied by lib/db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
