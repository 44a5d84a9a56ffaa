import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { user } from "@/lib/db/schema";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** The dashboard language a person chose, or null to follow their browser. */
export async function userLocale(db: Db, userId: string): Promise<Locale | null> {
  const [row] = await db.select({ locale: user.locale }).from(user).where(eq(user.id, userId));
  return isLocale(row?.locale) ? row.locale : null;
}
