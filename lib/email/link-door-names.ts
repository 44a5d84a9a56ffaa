import "server-only";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { cachedLinkDoors, getLinkDoors, type Door } from "@/lib/access/doors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import type { KisiClient } from "@/lib/kisi/client";
import type { LinkWithStudio } from "@/lib/links/find-by-token";
import { linkState } from "@/lib/links/state";
import { log } from "@/lib/log/logger";
import { pickDoorName } from "@/lib/studios/door-names";

/** How long an email waits for Kisi's door list before it goes without one. */
const DEFAULT_WAIT_MS = 1_500;

export type EmailDoorsDeps = {
  db: Db;
  keyring: Keyring;
  /** Without a Kisi client the email lists no doors (previews, tests of other parts). */
  kisi?: KisiClient;
  doorCacheMs?: number;
  doorListWaitMs?: number;
  now?: () => Date;
};

/**
 * The doors a link opens, by their display names in the email's language, sorted for reading;
 * [] when they are not at hand. Best effort by design: the door list is a courtesy, the link
 * is the point, so Kisi being slow or down never fails or holds up the email. Kisi refuses a
 * link's door list outside its window, so a link that is not active yet is never asked about:
 * its group's list is used only if one was fetched lately (the cache of the guest pages).
 */
export async function emailDoorNames(
  deps: EmailDoorsDeps,
  access: LinkWithStudio,
  locale: Locale,
): Promise<string[]> {
  if (!deps.kisi) return [];
  const { link, studio } = access;
  let doors: Door[] | null;
  if (linkState(link, deps.now?.() ?? new Date()) === "active") {
    doors = await getLinkDoors(
      { kisi: deps.kisi, keyring: deps.keyring, ttlMs: deps.doorCacheMs },
      access,
      AbortSignal.timeout(deps.doorListWaitMs ?? DEFAULT_WAIT_MS),
    ).catch((error: unknown) => {
      log.info("access email composed without its door list", { linkId: link.id, error });
      return null;
    });
  } else {
    doors = cachedLinkDoors(access);
  }
  if (!doors || doors.length === 0) return [];
  const overrides = await loadStudioDoorOverrides(deps.db, studio.id);
  const fallback = isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE;
  return doors
    .map((d) => pickDoorName(overrides.get(d.id)?.displayNames, locale, fallback, d.name))
    .sort((a, b) => a.localeCompare(b, locale));
}
