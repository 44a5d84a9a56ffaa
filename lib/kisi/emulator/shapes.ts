/**
 * Serializers. Kisi's spec marks every field of these objects required (nullable where
 * noted) with `additionalProperties: false`, so each shape lists its fields exhaustively.
 */
import { lockIdsOfGroup } from "./state";
import type {
  EmulatorState,
  GroupLinkRecord,
  GroupLockRecord,
  GroupRecord,
  LockRecord,
  PlaceRecord,
  UserRecord,
} from "./state";

function userRef(user: UserRecord | undefined, id: number) {
  return { id, resource_type: "User", email: user?.email ?? "", name: user?.name ?? "" };
}

function placeOf(state: EmulatorState, placeId: number): PlaceRecord | undefined {
  return state.places.find((place) => place.id === placeId);
}

function groupRef(group: GroupRecord | undefined, id: number) {
  return { id, resource_type: "Group", name: group?.name ?? "" };
}

/** `GET /group_links` items: the create response minus secret and QR token/image. */
export function groupLinkListItem(state: EmulatorState, link: GroupLinkRecord) {
  const creator = state.users.find((user) => user.id === link.created_by_id);
  const group = state.groups.find((candidate) => candidate.id === link.group_id);
  return {
    id: link.id,
    resource_type: "GroupLink",
    name: link.name,
    email: link.email,
    phone: link.phone,
    last_used_at: link.last_used_at,
    link_enabled: link.link_enabled,
    quick_response_code_type: link.quick_response_code_type,
    valid_from: link.valid_from,
    valid_until: link.valid_until,
    created_at: link.created_at,
    updated_at: link.updated_at,
    group_id: link.group_id,
    group: groupRef(group, link.group_id),
    created_by_type: "User",
    created_by_id: link.created_by_id,
    created_by: userRef(creator, link.created_by_id),
    // Deprecated in favour of created_by*, still sent by Kisi.
    issued_by_id: link.created_by_id,
    issued_by: userRef(creator, link.created_by_id),
  };
}

/** `POST /group_links` response: the only place the secret is ever returned. */
export function groupLinkCreated(state: EmulatorState, link: GroupLinkRecord) {
  return {
    ...groupLinkListItem(state, link),
    secret: link.secret,
    quick_response_code_token: link.quick_response_code_token,
    quick_response_code_image: link.quick_response_code_image,
  };
}

function lockPlace(state: EmulatorState, lock: LockRecord) {
  const place = placeOf(state, lock.place_id);
  return {
    id: lock.place_id,
    name: place?.name ?? "",
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
  };
}

/** Group-link auth: no lock coordinates and no restriction fields, only the place's position. */
export function lockSubset(state: EmulatorState, lock: LockRecord) {
  return {
    id: lock.id,
    name: lock.name,
    description: lock.description,
    configured: lock.configured,
    online: lock.online,
    open: lock.open,
    unlocked: lock.unlocked,
    unlocked_until: null,
    locked_down: lock.locked_down,
    locked_down_since: lock.locked_down_since,
    place_id: lock.place_id,
    place: lockPlace(state, lock),
  };
}

export function lockFull(state: EmulatorState, lock: LockRecord) {
  const groupsCount = state.groupLocks.filter((gl) => gl.lock_id === lock.id).length;
  return {
    id: lock.id,
    resource_type: "Lock",
    created_at: lock.created_at,
    updated_at: lock.updated_at,
    configured: lock.configured,
    description: lock.description,
    first_to_arrive_required_until: lock.first_to_arrive_required_until,
    first_to_arrive_satisfied: lock.first_to_arrive_satisfied,
    latitude: lock.latitude,
    locked_down: lock.locked_down,
    locked_down_since: lock.locked_down_since,
    longitude: lock.longitude,
    name: lock.name,
    on_scheduled_unlock: lock.on_scheduled_unlock,
    online: lock.online,
    open: lock.open,
    order_id: lock.order_id,
    unlocked: lock.unlocked,
    geofence_restriction_enabled: lock.geofence_restriction_enabled,
    geofence_restriction_radius: lock.geofence_restriction_radius,
    reader_restriction_enabled: lock.reader_restriction_enabled,
    time_restriction_enabled: lock.time_restriction_enabled,
    time_restriction_time_zone: lock.time_restriction_time_zone,
    place_id: lock.place_id,
    place: lockPlace(state, lock),
    floor_id: lock.floor_id,
    groups_count: groupsCount,
    unlocked_until: null,
  };
}

export function placeSubset(place: PlaceRecord) {
  return {
    id: place.id,
    resource_type: "Place",
    name: place.name,
    description: place.description,
    address: place.address,
    latitude: place.latitude,
    longitude: place.longitude,
    image: place.image,
    time_zone: place.time_zone,
    color: null,
    logo: null,
  };
}

export function placeFull(state: EmulatorState, place: PlaceRecord) {
  const organization = state.organizations.find((org) => org.id === place.organization_id);
  return {
    ...placeSubset(place),
    created_at: place.created_at,
    updated_at: place.updated_at,
    tz_time_zone: place.time_zone,
    locks_count: state.locks.filter((lock) => lock.place_id === place.id).length,
    integrations_count: place.integrations_count,
    locked_down: place.locked_down,
    locked_down_since: place.locked_down_since,
    occupancy_rate: place.occupancy_rate,
    organization_id: place.organization_id,
    organization: {
      id: place.organization_id,
      resource_type: "Organization",
      name: organization?.name ?? "",
      domain: organization?.domain ?? "",
    },
    user_id: null,
    members_count: 0,
  };
}

export function groupFull(state: EmulatorState, group: GroupRecord) {
  const place = group.place_id === null ? undefined : placeOf(state, group.place_id);
  return {
    id: group.id,
    resource_type: "Group",
    name: group.name,
    description: group.description,
    created_at: group.created_at,
    updated_at: group.updated_at,
    geofence_restriction_enabled: group.geofence_restriction_enabled,
    geofence_restriction_radius: group.geofence_restriction_radius,
    primary_device_restriction_enabled: group.primary_device_restriction_enabled,
    managed_device_restriction_enabled: group.managed_device_restriction_enabled,
    reader_restriction_enabled: group.reader_restriction_enabled,
    time_restriction_enabled: group.time_restriction_enabled,
    tap_to_access_restriction_enabled: group.tap_to_access_restriction_enabled,
    login_enabled: group.login_enabled,
    users_count: group.users_count,
    locks_count: lockIdsOfGroup(state, group.id).size,
    elevator_stops_count: 0,
    place_id: group.place_id,
    place: place ? { id: place.id, resource_type: "Place", name: place.name } : null,
    time_restriction_time_zone: null,
    members_count: group.users_count,
  };
}

export function groupLockItem(state: EmulatorState, groupLock: GroupLockRecord) {
  const group = state.groups.find((candidate) => candidate.id === groupLock.group_id);
  const lock = state.locks.find((candidate) => candidate.id === groupLock.lock_id);
  const place = lock ? placeOf(state, lock.place_id) : undefined;
  return {
    id: groupLock.id,
    resource_type: "GroupLock",
    created_at: groupLock.created_at,
    updated_at: groupLock.updated_at,
    group_id: groupLock.group_id,
    group: groupRef(group, groupLock.group_id),
    lock_id: groupLock.lock_id,
    lock: { id: groupLock.lock_id, description: lock?.description ?? null, name: lock?.name ?? "" },
    place_id: lock?.place_id ?? 0,
    place: { id: lock?.place_id ?? 0, resource_type: "Place", name: place?.name ?? "" },
  };
}
