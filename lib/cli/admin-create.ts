/**
 * npm run admin:create -- --email owner@studio.com --name "Ada Owner" --organization "Studio Co"
 *
 * Creates an organization and its owner account on the configured database (run it with the
 * production environment). The password comes from ADMIN_PASSWORD, or a strong one is generated
 * and printed once. PGlite is single-process: stop the server first when using it.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createOwner } from "@/lib/auth/create-owner";
import { ConfigError, parseConfig } from "@/lib/config/parse-config";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { redactString } from "@/lib/log/redact";

const argsSchema = z.object({
  email: z.email({ error: "--email must be an email address" }),
  name: z.string().trim().min(1, "--name is required").max(120),
  organization: z.string().trim().min(1, "--organization is required").max(120),
  password: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").max(128),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      organization: { type: "string" },
    },
  });
  const generated = !process.env.ADMIN_PASSWORD;
  const parsed = argsSchema.safeParse({
    ...values,
    password: process.env.ADMIN_PASSWORD ?? randomBytes(18).toString("base64url"),
  });
  if (!parsed.success) {
    process.stderr.write(`${parsed.error.issues.map((i) => `  - ${i.message}`).join("\n")}\n`);
    process.exit(2);
  }
  const config = parseConfig(process.env);
  const handle = connectDatabase(config.database);
  try {
    await runMigrations(handle);
    await createOwner(handle.db, config, parsed.data);
  } finally {
    await handle.close();
  }
  process.stdout.write(`Created ${parsed.data.organization} and its owner ${parsed.data.email}.\n`);
  if (generated)
    process.stdout.write(
      `Password (shown once, change it after signing in): ${parsed.data.password}\n`,
    );
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Could not create the owner: ${redactString((error as Error).message)}\n`,
  );
  process.exit(1);
});
