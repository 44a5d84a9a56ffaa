import { eq } from "drizzle-orm";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db/connect";
import { memberships, organizations, user } from "@/lib/db/schema";
import { createAuth } from "./create-auth";

/**
 * Creates an organization and its owner (first run, or a new franchise). The password goes
 * through better-auth, so it is hashed exactly as sign-in expects. Refuses an existing email.
 */
export async function createOwner(
  db: Db,
  config: Config,
  input: { email: string; name: string; password: string; organization: string },
) {
  const [existing] = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, input.email.toLowerCase()));
  if (existing) throw new Error(`an account with ${input.email} already exists`);
  const auth = createAuth(db, config, { allowSignUp: true });
  const { user: created } = await auth.api.signUpEmail({
    body: { email: input.email, name: input.name, password: input.password },
  });
  const [organization] = await db
    .insert(organizations)
    .values({ name: input.organization })
    .returning();
  await db.insert(memberships).values({
    userId: created.id,
    organizationId: organization!.id,
    studioId: null,
    role: "owner",
  });
  return { userId: created.id, organizationId: organization!.id };
}
