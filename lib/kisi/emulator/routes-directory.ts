import { badRequest, KISI_ERRORS, kisiError } from "./errors";
import {
  optionalEnum,
  optionalIds,
  optionalInt,
  pagedReply,
  parsePage,
  textMatches,
} from "./list-params";
import type { Route, RouteContext, RouteResult } from "./route-types";
import { LOGIN_ONLY, LOGIN_OR_LINK } from "./route-types";
import { groupFull, groupLockItem, placeFull, placeSubset } from "./shapes";
import { lockIdsOfGroup } from "./state";
import { parsePathId } from "./values";

function getPlace(ctx: RouteContext): RouteResult {
  const { state, principal } = ctx;
  const id = parsePathId(ctx.params.id);
  const place = state.places.find((candidate) => candidate.id === id);
  if (!place) throw kisiError(KISI_ERRORS.recordNotFound);
  if (principal.kind === "group_link") {
    // A link may read only the places of the doors it opens, and then only the subset.
    const lockIds = lockIdsOfGroup(state, principal.group.id);
    const visible = state.locks.some((lock) => lockIds.has(lock.id) && lock.place_id === place.id);
    if (!visible) throw kisiError(KISI_ERRORS.accessDenied);
    return { status: 200, body: placeSubset(place) };
  }
  if (place.organization_id !== principal.organizationId) {
    throw kisiError(KISI_ERRORS.accessDenied);
  }
  return { status: 200, body: placeFull(state, place) };
}

function listGroups(ctx: RouteContext): RouteResult {
  const { state, principal, query } = ctx;
  const ids = optionalIds(query);
  const placeId = optionalInt(query, "place_id");
  const lockId = optionalInt(query, "lock_id");
  const scope = optionalEnum(query, "scope", ["organization", "place"] as const);
  const sort = optionalEnum(query, "sort", ["name", "-name"] as const);
  const page = parsePage(query, 10);
  const groups = state.groups.filter(
    (group) =>
      group.organization_id === principal.organizationId &&
      (ids === undefined || ids.has(group.id)) &&
      (placeId === undefined || group.place_id === placeId) &&
      (lockId === undefined || lockIdsOfGroup(state, group.id).has(lockId)) &&
      (scope === undefined || (scope === "place") === (group.place_id !== null)) &&
      textMatches(query.query, group.name, group.description),
  );
  groups.sort((a, b) => {
    if (sort === undefined) return a.id - b.id;
    const order = a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id - b.id;
    return sort === "name" ? order : -order;
  });
  return pagedReply(groups, page, ctx.options.collectionRange, (group) => groupFull(state, group));
}

function getGroup(ctx: RouteContext): RouteResult {
  const id = parsePathId(ctx.params.id);
  const group = ctx.state.groups.find((candidate) => candidate.id === id);
  if (!group || group.organization_id !== ctx.principal.organizationId) {
    throw kisiError(KISI_ERRORS.recordNotFound);
  }
  return { status: 200, body: groupFull(ctx.state, group) };
}

function listGroupLocks(ctx: RouteContext): RouteResult {
  const { state, principal, query } = ctx;
  const groupId = optionalInt(query, "group_id");
  // The spec marks group_id required here (and only here).
  if (groupId === undefined) throw badRequest("param is missing or the value is empty: group_id");
  const group = state.groups.find((candidate) => candidate.id === groupId);
  if (!group || group.organization_id !== principal.organizationId) {
    throw kisiError(KISI_ERRORS.recordNotFound);
  }
  const ids = optionalIds(query);
  const lockId = optionalInt(query, "lock_id");
  const page = parsePage(query, 10);
  const items = state.groupLocks
    .filter(
      (groupLock) =>
        groupLock.group_id === group.id &&
        (ids === undefined || ids.has(groupLock.id)) &&
        (lockId === undefined || groupLock.lock_id === lockId) &&
        textMatches(
          query.query,
          state.locks.find((lock) => lock.id === groupLock.lock_id)?.name ?? null,
        ),
    )
    .sort((a, b) => a.id - b.id);
  return pagedReply(items, page, ctx.options.collectionRange, (groupLock) =>
    groupLockItem(state, groupLock),
  );
}

export const DIRECTORY_ROUTES: Route[] = [
  { method: "GET", pattern: "/places/:id", auth: LOGIN_OR_LINK, handle: getPlace },
  { method: "GET", pattern: "/groups", auth: LOGIN_ONLY, handle: listGroups },
  { method: "GET", pattern: "/groups/:id", auth: LOGIN_ONLY, handle: getGroup },
  { method: "GET", pattern: "/group_locks", auth: LOGIN_ONLY, handle: listGroupLocks },
];
