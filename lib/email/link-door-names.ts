import "server-only";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { loadStudioDoorOverrides } from "@/lib/access/door-settings";
import { getLinkDoors, lastKnownLinkDoors, type Door } from "@/lib/access/doors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import type { KisiClient } from "@/lib/kisi/client";
import type { LinkWithStudio } from "@/lib/links/find-by-token";
import { linkState } from "@/lib/links/state";
import { log } from "@/lib/log/logger";
import { pickDoorName } from "@/lib/studios/door-names";

/** How long an email waits for Kisi's door list before it goes without one. */
const DEFAULT_WAIT_MS = 1_500;
/**
 * A door list this recent is reused for emails whatever LATCHKEY_DOOR_CACHE_SECONDS says: 200
 * links issued at once then cost one Kisi call for their emails, not 200.
 */
const EMAIL_LIST_MAX_AGE_MS = 10 * 60_000;
/** After Kisi failed a studio's list, its emails go without one this long, without trying. */
const FAILURE_PAUSE_MS = 60_000;

// By studio: when its door list last failed. On globalThis, like the door cache, so every module
// copy Next makes shares it.
const store = globalThis as unknown as { latchkeyEmailDoorFailures?: Map<string, number> };
const failures = (store.latchkeyEmailDoorFailures ??= new Map());

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
 * is the point, so Kisi being slow or down never fails the email, holds it up at most
 * `doorListWaitMs`, and after a failure not at all for a minute. Kisi refuses a
 * link's door list outside its window, so a link that is not active yet is never asked about:
 * its group's list is used only if one was fetched lately (by a guest page or another email).
 */
export async function emailDoorNames(
  deps: EmailDoorsDeps,
  access: LinkWithStudio,
  locale: Locale,
): Promise<string[]> {
  if (!deps.kisi) return [];
  const { link, studio } = access;
  const now = deps.now?.() ?? new Date();
  let doors: Door[] | null = lastKnownLinkDoors(access, now.getTime(), EMAIL_LIST_MAX_AGE_MS);
  const failedAt = failures.get(studio.id);
  const paused = failedAt !== undefined && now.getTime() - failedAt < FAILURE_PAUSE_MS;
  if (!doors && !paused && linkState(link, now) === "active") {
    doors = await getLinkDoors(
      { kisi: deps.kisi, keyring: deps.keyring, ttlMs: deps.doorCacheMs },
      access,
      AbortSignal.timeout(deps.doorListWaitMs ?? DEFAULT_WAIT_MS),
    ).catch((error: unknown) => {
      // A Kisi outage must not cost every email of a bulk issue the wait: pause the asking.
      failures.set(studio.id, now.getTime());
      log.info("access email composed without its door list", { linkId: link.id, error });
      return null;
    });
    if (doors) failures.delete(studio.id);
  }
  if (!doors || doors.length === 0) return [];
  const overrides = await loadStudioDoorOverrides(deps.db, studio.id);
  const fallback = isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE;
  return doors
    .map((d) => pickDoorName(overrides.get(d.id)?.displayNames, locale, fallback, d.name))
    .sort((a, b) => a.localeCompare(b, locale));
}

/** For tests: forget the failures that pause the asking. */
export function forgetEmailDoorFailures(): void {
  failures.clear();
}
