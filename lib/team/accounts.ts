import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { user } from "@/lib/db/schema";

/** The account with this (lower-cased) email, if any: it decides how an invitation is accepted. */
export async function accountIdForEmail(db: Db, email: string): Promise<string | null> {
  const [row] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  return row?.id ?? null;
}
