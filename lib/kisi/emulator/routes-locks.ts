import { badRequest, KISI_ERRORS, kisiError } from "./errors";
import {
  optionalBool,
  optionalEnum,
  optionalIds,
  optionalInt,
  pagedReply,
  parsePage,
  textMatches,
} from "./list-params";
import type { Route, RouteContext, RouteResult } from "./route-types";
import { LOGIN_OR_LINK } from "./route-types";
import { lockFull, lockSubset } from "./shapes";
import type { LockRecord, UnlockLocation } from "./state";
import { lockIdsOfGroup, organizationOfLock } from "./state";
import { distanceMeters, isRecord, parsePathId } from "./values";

function visibleLocks(ctx: RouteContext): LockRecord[] {
  const { state, principal } = ctx;
  if (principal.kind === "group_link") {
    // A link sees only the doors its group opens (docs/kisi-api.md §3.1 [I]).
    const allowed = lockIdsOfGroup(state, principal.group.id);
    return state.locks.filter((lock) => allowed.has(lock.id));
  }
  return state.locks.filter((lock) => organizationOfLock(state, lock) === principal.organizationId);
}

function listLocks(ctx: RouteContext): RouteResult {
  const { query } = ctx;
  const ids = optionalIds(query);
  const placeId = optionalInt(query, "place_id");
  const floorId = optionalInt(query, "floor_id");
  const online = optionalBool(query, "online");
  const lockedDown = optionalBool(query, "locked_down");
  const configured = optionalBool(query, "configured");
  const unlocked = optionalBool(query, "unlocked");
  const sort = optionalEnum(query, "sort", ["favorite", "name", "-name"] as const);
  const page = parsePage(query, 50);

  const locks = visibleLocks(ctx).filter(
    (lock) =>
      (ids === undefined || ids.has(lock.id)) &&
      (placeId === undefined || lock.place_id === placeId) &&
      (floorId === undefined || lock.floor_id === floorId) &&
      (online === undefined || lock.online === online) &&
      (lockedDown === undefined || lock.locked_down === lockedDown) &&
      (configured === undefined || lock.configured === configured) &&
      (unlocked === undefined || lock.unlocked === unlocked) &&
      textMatches(query.query, lock.name),
  );
  locks.sort((a, b) => {
    if (sort === "name" || sort === "-name") {
      const order = a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id - b.id;
      return sort === "name" ? order : -order;
    }
    // Kisi's order_id "determines the sort order of the locks"; the emulator has no favorites.
    const orderA = a.order_id ?? Number.MAX_SAFE_INTEGER;
    const orderB = b.order_id ?? Number.MAX_SAFE_INTEGER;
    return orderA - orderB || a.id - b.id;
  });
  const serialize = ctx.principal.kind === "group_link" ? lockSubset : lockFull;
  return pagedReply(locks, page, ctx.options.collectionRange, (lock) => serialize(ctx.state, lock));
}

/**
 * `context.location`, when present, needs both coordinates (Kisi's spec). The unlock endpoint
 * documents no 422, so [I] a malformed location is a 400 with the `Error` body.
 */
function parseLocation(body: unknown): UnlockLocation | undefined {
  const context = isRecord(body) ? body.context : undefined;
  const location = isRecord(context) ? context.location : undefined;
  if (location === undefined || location === null) return undefined;
  const lat = isRecord(location) ? location.latitude : undefined;
  const lng = isRecord(location) ? location.longitude : undefined;
  if (
    typeof lat !== "number" ||
    typeof lng !== "number" ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lng) ||
    Math.abs(lat) > 90 ||
    Math.abs(lng) > 180
  ) {
    throw badRequest("The location needs a numeric latitude and longitude.");
  }
  return { latitude: lat, longitude: lng };
}

function checkGeofence(ctx: RouteContext, lock: LockRecord, location?: UnlockLocation): void {
  const place = ctx.state.places.find((candidate) => candidate.id === lock.place_id);
  const latitude = lock.latitude ?? place?.latitude ?? null;
  const longitude = lock.longitude ?? place?.longitude ?? null;
  if (latitude === null || longitude === null) return;
  if (!location) throw kisiError(KISI_ERRORS.locationNotValid);
  if (distanceMeters(location, { latitude, longitude }) > lock.geofence_restriction_radius) {
    throw kisiError(KISI_ERRORS.tooFarAway);
  }
}

function unlockLock(ctx: RouteContext): RouteResult {
  const { state, principal } = ctx;
  const id = parsePathId(ctx.params.id);
  const lock = state.locks.find((candidate) => candidate.id === id);
  if (!lock) throw kisiError(KISI_ERRORS.doorNotFound);
  const allowed =
    principal.kind === "group_link"
      ? lockIdsOfGroup(state, principal.group.id).has(lock.id)
      : organizationOfLock(state, lock) === principal.organizationId;
  if (!allowed) throw kisiError(KISI_ERRORS.accessDenied);

  const location = parseLocation(ctx.body);
  if (lock.locked_down) throw kisiError(KISI_ERRORS.doorLockedDown);
  const place = state.places.find((candidate) => candidate.id === lock.place_id);
  if (place?.locked_down) throw kisiError(KISI_ERRORS.placeLockedDown);
  // "Geofence restrictions ... do not apply to digital credentials" (Kisi docs): links skip it.
  if (principal.kind === "login" && lock.geofence_restriction_enabled === true) {
    checkGeofence(ctx, lock, location);
  }
  // `online: null` means Kisi does not know; only a known-offline controller refuses.
  if (lock.online === false) throw kisiError(KISI_ERRORS.controllerUnavailable);

  const at = ctx.now.toISOString();
  if (principal.kind === "group_link") {
    principal.link.last_used_at = at;
    state.unlocks.push({
      lockId: lock.id,
      via: "group_link",
      groupLinkId: principal.link.id,
      ...(location ? { location } : {}),
      at,
    });
  } else {
    state.unlocks.push({
      lockId: lock.id,
      via: "login",
      userId: principal.user.id,
      ...(location ? { location } : {}),
      at,
    });
  }
  return { status: 200, body: { message: "Unlocked!" } };
}

export const LOCK_ROUTES: Route[] = [
  { method: "GET", pattern: "/locks", auth: LOGIN_OR_LINK, handle: listLocks },
  { method: "POST", pattern: "/locks/:id/unlock", auth: LOGIN_OR_LINK, handle: unlockLock },
];
