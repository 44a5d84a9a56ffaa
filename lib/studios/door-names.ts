import { isLocale, type Locale } from "@/lib/i18n/locales";

/**
 * Staff-set display names of one door, by language. Kisi knows a door by one name in one
 * language ("Haupteingang"); a studio with guests from abroad names it per language. Pure and
 * free of server imports: the guest page, the emails and the dashboard all pick with it.
 */
export type DoorDisplayNames = Partial<Record<Locale, string>>;

/**
 * The name a reader sees: the staff's name in the reader's language, else in the studio's
 * default language, else Kisi's own name. Blank entries count as absent.
 */
export function pickDoorName(
  displayNames: DoorDisplayNames | null | undefined,
  locale: Locale,
  fallbackLocale: Locale,
  kisiName: string,
): string {
  const own = displayNames?.[locale]?.trim();
  if (own) return own;
  const fallback = displayNames?.[fallbackLocale]?.trim();
  if (fallback) return fallback;
  return kisiName;
}

/**
 * The stored jsonb as display names: only known languages with non-empty text survive, so a
 * row written by hand or by an older version can never put something odd in front of a guest.
 */
export function storedDisplayNames(value: unknown): DoorDisplayNames {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const names: DoorDisplayNames = {};
  for (const [locale, name] of Object.entries(value)) {
    if (isLocale(locale) && typeof name === "string" && name.trim() !== "")
      names[locale] = name.trim();
  }
  return names;
}
