import "server-only";
import type { ErrorCode } from "@/lib/api/error-codes";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { KisiClient } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import type { LinkWithStudio } from "@/lib/links/find-by-token";
import { linkState, type LinkState } from "@/lib/links/state";
import { brandPalette, type BrandPalette } from "@/lib/brand/contrast";
import type { LatLng } from "@/lib/geo/distance";
import { doorStatePalette, type DoorStatePalette } from "@/lib/brand/door-states";
import { markLinkGoneOnKisi } from "@/lib/links/kisi-gone";
import { pickDoorName } from "@/lib/studios/door-names";
import { loadDoorFences, rememberGroupDoors, strictestFence } from "./door-fence";
import { getLinkDoors, lastKnownLinkDoors, type Door } from "./doors";
import { kisiSaysLinkGone, visitorCodeForKisiError } from "./kisi-outcome";
import { withRateScope, type UnlockQueueSettings } from "./unlock-queue";
import { guestRules, type GuestRules } from "@/lib/access-rules/guest-view";
import { effectiveRulesOf, ruleStateOf } from "@/lib/access-rules/link-rules";

/**
 * Everything a guest's page shows, in the public shape of `GET /api/access/doors`
 * (docs/product-rules.md). It holds no secret, no token and no internal id beyond the door ids.
 */
export type AccessView = {
  link: {
    state: LinkState;
    validFrom: string;
    validUntil: string;
    guestName: string;
    locale: Locale;
  };
  studio: {
    name: string;
    /** Same-origin path of the studio's logo, or null (the page then shows its initial). */
    logoUrl: string | null;
    timeZone: string;
    address: string | null;
    supportEmail: string | null;
    supportPhone: string | null;
    palette: BrandPalette;
    /** Latchkey's own colours for door states (open, failed, busy, unavailable), brand-safe. */
    states: DoorStatePalette;
  };
  geofence: {
    enabled: boolean;
    radiusM: number;
    maxAccuracyM: number;
    maxAgeS: number;
    center: { latitude: number; longitude: number } | null;
  };
  /**
   * `geofenced`: this door asks for the phone's location (the studio's fence or its own);
   * `fence` is that door's own centre, radius and accuracy, so the page can say "22 m" or
   * "too far" before a tap (the server still decides every unlock).
   */
  doors: AccessDoor[];
  /** Set when the doors could not be listed (Kisi down, link refused by Kisi). */
  doorsError: ErrorCode | null;
  /**
   * True when Kisi did not answer and `doors` is the last list seen: the page shows them as
   * unavailable rather than an empty page. Never used to open anything.
   */
  doorsStale: boolean;
  /** When the server built this view (the page shows "last tried" from it). */
  /** Access rules that apply to the link (opening hours, visits, first use), or null. */
  rules: GuestRules | null;
  checkedAt: string;
};

export type AccessDoor = Pick<Door, "id" | "name" | "online" | "lockedDown"> & {
  geofenced: boolean;
  fence: { center: LatLng | null; radiusM: number; maxAccuracyM: number } | null;
};

export type ViewDeps = {
  db: Db;
  kisi: KisiClient;
  keyring: Keyring;
  doorCacheMs?: number;
  queue?: Pick<UnlockQueueSettings, "rateScope">;
  now?: () => Date;
};

/**
 * Builds the view. Doors are fetched only while the link is active (Kisi refuses them
 * otherwise); a link Kisi says is gone is recorded as revoked on the way.
 */
export async function buildAccessView(
  deps: ViewDeps,
  access: LinkWithStudio,
): Promise<AccessView | null> {
  const { link, studio } = access;

  const now = deps.now?.() ?? new Date();
  const lifecycle = linkState(link, now);
  if (lifecycle === "unavailable") return null;
  let state: LinkState = lifecycle;
  let doors: Door[] = [];
  let doorsError: ErrorCode | null = null;
  let doorsStale = false;
  if (state === "scheduled") {
    // Kisi lists no doors before the window opens; the doors this instance last saw for the
    // group let the page show them already, each with "opens in …".
    doors = lastKnownLinkDoors(access, now.getTime()) ?? [];
  } else if (state === "active") {
    try {
      doors = await getLinkDoors(
        { kisi: deps.kisi, keyring: deps.keyring, ttlMs: deps.doorCacheMs },
        withRateScope(access, deps.queue?.rateScope ?? "user") ?? access,
      );
    } catch (error) {
      if (isKisiError(error) && kisiSaysLinkGone(error)) {
        // Deleted or disabled inside Kisi: the guest sees "cancelled", never an empty list.
        await markLinkGoneOnKisi(deps.db, link.id, now);
        state = "revoked";
      } else {
        doorsError = isKisiError(error) ? visitorCodeForKisiError(error) : "kisi_unavailable";
        const known = lastKnownLinkDoors(access, now.getTime());
        if (known) {
          doors = known;
          doorsStale = true;
        }
      }
    }
  }
  const place = doors.find((d) => d.place.latitude !== null && d.place.longitude !== null)?.place;
  const center =
    studio.geofenceLatitude !== null && studio.geofenceLongitude !== null
      ? { latitude: studio.geofenceLatitude, longitude: studio.geofenceLongitude }
      : place && place.latitude !== null && place.longitude !== null
        ? { latitude: place.latitude, longitude: place.longitude }
        : null;

  const { fences, displayNames } = await loadDoorFences(deps.db, {
    organizationId: studio.organizationId,
    studioId: studio.id,
    linkGroupId: link.kisiGroupId,
    doors: doors.map((d) => ({ id: d.id, place: placeOf(d) })),
  });
  if (!doorsStale && state === "active")
    await rememberGroupDoors(
      deps.db,
      studio.organizationId,
      link.kisiGroupId,
      doors.map((d) => d.id),
    );
  const locale = isLocale(link.locale) ? link.locale : DEFAULT_LOCALE;
  const studioLocale = isLocale(studio.defaultLocale) ? studio.defaultLocale : DEFAULT_LOCALE;
  const doorViews: AccessDoor[] = doors.map(({ id, name, online, lockedDown }) => {
    const fence = strictestFence(fences.get(id) ?? []);
    return {
      id,
      // The staff's name for the door in the guest's language, else the studio's, else Kisi's.
      name: pickDoorName(displayNames.get(id), locale, studioLocale, name),
      online: doorsStale ? false : online,
      lockedDown,
      geofenced: fence !== null,
      fence: fence
        ? { center: fence.center, radiusM: fence.radiusM, maxAccuracyM: fence.maxAccuracyM }
        : null,
    };
  });
  // In the order a reader scans them: by the name they read, in their language.
  doorViews.sort((a, b) => a.name.localeCompare(b.name, locale));
  const palette = brandPalette(studio.primaryColor, studio.accentColor);

  return {
    link: {
      state,
      validFrom: link.validFrom.toISOString(),
      validUntil: link.validUntil.toISOString(),
      guestName: link.guestName,
      locale,
    },
    studio: {
      name: studio.name,
      logoUrl: studio.logoPath,
      timeZone: studio.timeZone,
      address: studio.address,
      supportEmail: studio.supportEmail,
      supportPhone: studio.supportPhone,
      palette,
      states: doorStatePalette(palette.primary),
    },
    geofence: {
      // Whether any door asks for the location: the page then explains and asks.
      enabled: doorViews.length > 0 ? doorViews.some((d) => d.geofenced) : studio.geofenceEnabled,
      radiusM: studio.geofenceRadiusM,
      maxAccuracyM: studio.geofenceMaxAccuracyM,
      maxAgeS: studio.geofenceMaxAgeS,
      center,
    },
    doors: doorViews,
    doorsError,
    doorsStale,
    rules: guestRules(effectiveRulesOf(access), studio.timeZone, now, ruleStateOf(link)),
    checkedAt: now.toISOString(),
  };
}

function placeOf(door: Door): LatLng | null {
  return door.place.latitude !== null && door.place.longitude !== null
    ? { latitude: door.place.latitude, longitude: door.place.longitude }
    : null;
}
