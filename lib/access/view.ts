import "server-only";
import type { ErrorCode } from "@/lib/api/error-codes";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { KisiClient } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import type { LinkWithStudio } from "@/lib/links/find-by-token";
import { linkState, type LinkState } from "@/lib/links/state";
import { brandPalette, type BrandPalette } from "@/lib/studios/contrast";
import { resolveGeofence, studioGeofence } from "@/lib/geo/geofence";
import { loadStudioDoorOverrides } from "./door-settings";
import { getLinkDoors, type Door } from "./doors";
import { visitorCodeForKisiError } from "./kisi-outcome";

/**
 * Everything a guest's page shows, in the public shape of `GET /api/access/doors`
 * (product.md). It holds no secret, no token and no internal id beyond the door ids.
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
  };
  geofence: {
    enabled: boolean;
    radiusM: number;
    maxAccuracyM: number;
    maxAgeS: number;
    center: { latitude: number; longitude: number } | null;
  };
  /** `geofenced`: this door asks for the phone's location (the studio's fence or its own). */
  doors: Array<Pick<Door, "id" | "name" | "online" | "lockedDown"> & { geofenced: boolean }>;
  /** Set when the doors could not be listed (Kisi down, link refused by Kisi). */
  doorsError: ErrorCode | null;
};

export type ViewDeps = {
  db: Db;
  kisi: KisiClient;
  keyring: Keyring;
  doorCacheMs?: number;
  now?: () => Date;
};

/** Builds the view; doors are fetched only while the link is active (Kisi refuses them otherwise). */
export async function buildAccessView(
  deps: ViewDeps,
  access: LinkWithStudio,
): Promise<AccessView | null> {
  const { link, studio } = access;
  const state = linkState(link, deps.now?.() ?? new Date());
  if (state === "unavailable") return null;

  let doors: Door[] = [];
  let doorsError: ErrorCode | null = null;
  if (state === "active") {
    try {
      doors = await getLinkDoors(
        { kisi: deps.kisi, keyring: deps.keyring, ttlMs: deps.doorCacheMs },
        access,
      );
    } catch (error) {
      doorsError = isKisiError(error) ? visitorCodeForKisiError(error) : "kisi_unavailable";
    }
  }
  const place = doors.find((d) => d.place.latitude !== null && d.place.longitude !== null)?.place;
  const center =
    studio.geofenceLatitude !== null && studio.geofenceLongitude !== null
      ? { latitude: studio.geofenceLatitude, longitude: studio.geofenceLongitude }
      : place && place.latitude !== null && place.longitude !== null
        ? { latitude: place.latitude, longitude: place.longitude }
        : null;

  const overrides =
    doors.length > 0 ? await loadStudioDoorOverrides(deps.db, studio.id) : new Map();
  const studioFence = studioGeofence(studio);
  const doorViews = doors.map(({ id, name, online, lockedDown, place: p }) => ({
    id,
    name,
    online,
    lockedDown,
    geofenced: resolveGeofence(
      studioFence,
      overrides.get(id) ?? null,
      p.latitude !== null && p.longitude !== null
        ? { latitude: p.latitude, longitude: p.longitude }
        : null,
    ).enabled,
  }));

  return {
    link: {
      state,
      validFrom: link.validFrom.toISOString(),
      validUntil: link.validUntil.toISOString(),
      guestName: link.guestName,
      locale: isLocale(link.locale) ? link.locale : DEFAULT_LOCALE,
    },
    studio: {
      name: studio.name,
      logoUrl: studio.logoPath,
      timeZone: studio.timeZone,
      address: studio.address,
      supportEmail: studio.supportEmail,
      supportPhone: studio.supportPhone,
      palette: brandPalette(studio.primaryColor, studio.accentColor),
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
  };
}
