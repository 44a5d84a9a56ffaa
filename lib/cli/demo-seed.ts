/**
 * The demo's database preparation, run by `npm run demo` (lib/cli/demo.ts) as a short-lived
 * child: migrate and seed the embedded PGlite database, make sure the sample links exist, print
 * them as one JSON line and exit. In its own process because PGlite's WebAssembly memory (several
 * hundred MiB once migrated) is given back only when the process ends; kept in the supervising
 * process it more than doubled the demo's memory for as long as the demo ran.
 */
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { ensureSampleLinks } from "@/lib/demo/sample-links";
import { seedDemo } from "@/lib/demo/seed";
import { KisiClient } from "@/lib/kisi/client";
import { SAMPLES_PREFIX } from "./demo-seed-output";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (config.database.kind !== "pglite")
    throw new Error("the demo seeds only an embedded database");
  const db = connectDatabase(config.database);
  try {
    await runMigrations(db);
    await seedDemo(db.db, config);
    const samples = await ensureSampleLinks(
      db.db,
      config,
      new KisiClient({ baseUrl: config.kisi.baseUrl }),
    );
    process.stdout.write(`${SAMPLES_PREFIX}${JSON.stringify(samples)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
