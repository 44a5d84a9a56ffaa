import "server-only";
import { eq } from "drizzle-orm";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { knownDoorName } from "@/lib/access/doors";
import type { Db } from "@/lib/db";
import { studios } from "@/lib/db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { pickDoorName } from "@/lib/studios/door-names";

/**
 * Names the doors of a studio's audit for one dashboard reader: the staff's display name in the
 * reader's language (without one, the studio's default language), else Kisi's name when this
 * instance has listed the door lately, else null (the list then shows the lock id). Two small
 * queries per page, no Kisi call: the audit must not spend the studio's Kisi budget.
 */
export async function auditDoorNamer(
  db: Db,
  studioId: string,
  locale?: Locale,
): Promise<(lockId: number) => string | null> {
  const [studio] = await db
    .select({ defaultLocale: studios.defaultLocale })
    .from(studios)
    .where(eq(studios.id, studioId));
  const fallback = isLocale(studio?.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE;
  const overrides = await loadStudioDoorOverrides(db, studioId);
  return (lockId) =>
    pickDoorName(
      overrides.get(lockId)?.displayNames,
      locale ?? fallback,
      fallback,
      knownDoorName(lockId) ?? "",
    ) || null;
}
