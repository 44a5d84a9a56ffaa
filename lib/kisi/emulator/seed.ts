import type { EmulatorState, GroupRecord, LockRecord, PlaceRecord, GroupLockRecord } from "./state";

/** Deterministic ids and credentials of the demo tenant; tests and the demo script use these. */
export const DEMO_SEED = {
  organizationId: 1,
  organizationName: "Latchkey Demo Org",
  userId: 7,
  userEmail: "owner@demo.latchkey.test",
  userName: "Demo Owner",
  apiKey: "kisi-demo-key-7f3a9c2e5b1d4a6f8e0c",
  /** A second key of the same user: it shares that user's 5 req/s budget. */
  secondApiKey: "kisi-demo-key-2-b84d1e0a9c3f5e7d6a21",
  placeId: 300,
  placeName: "Latchkey Demo Studio",
  placeAddress: "Torstraße 1, 10119 Berlin",
  latitude: 52.52967,
  longitude: 13.40129,
  timeZone: "Europe/Berlin",
  groupId: 42,
  groupName: "Latchkey guests",
  staffGroupId: 43,
  staffGroupName: "Staff",
  guestLockIds: [5001, 5002, 5003] as readonly number[],
  staffLockId: 5004,
  /**
   * The demo's geofenced studio has doors of its own: a door's fence applies to every studio
   * that can open it, so a studio sharing the guest group would fence the other's doors too.
   */
  climbingGroupId: 44,
  climbingGroupName: "Climbing guests",
  climbingLockIds: [5011, 5012] as readonly number[],
} as const;

/** A second, unrelated tenant for cross-tenant tests. */
export const OTHER_ORG_SEED = {
  organizationId: 2,
  organizationName: "Other Studio Org",
  userId: 8,
  userEmail: "owner@other.example.test",
  userName: "Other Owner",
  apiKey: "kisi-other-key-4c1b8e2f7a9d3e5c0b6a",
  placeId: 310,
  placeName: "Atelier Paris",
  placeAddress: "12 Rue de Rivoli, 75004 Paris",
  latitude: 48.85552,
  longitude: 2.35907,
  timeZone: "Europe/Paris",
  groupId: 52,
  groupName: "Paris guests",
  lockId: 6001,
} as const;

const SEEDED_AT = "2025-01-15T09:00:00.000Z";

function place(
  id: number,
  organizationId: number,
  name: string,
  address: string,
  latitude: number,
  longitude: number,
  timeZone: string,
): PlaceRecord {
  return {
    id,
    organization_id: organizationId,
    name,
    description: null,
    address,
    latitude,
    longitude,
    image: null,
    time_zone: timeZone,
    locked_down: false,
    locked_down_since: null,
    occupancy_rate: null,
    integrations_count: 0,
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  };
}

function lock(id: number, placeId: number, name: string, orderId: number): LockRecord {
  return {
    id,
    place_id: placeId,
    name,
    description: null,
    configured: true,
    online: true,
    open: false,
    unlocked: false,
    locked_down: false,
    locked_down_since: null,
    // Locks without own coordinates fall back to the place's (Kisi docs, restrictions).
    latitude: null,
    longitude: null,
    geofence_restriction_enabled: false,
    geofence_restriction_radius: 300,
    reader_restriction_enabled: false,
    time_restriction_enabled: false,
    time_restriction_time_zone: null,
    order_id: orderId,
    floor_id: null,
    on_scheduled_unlock: false,
    first_to_arrive_required_until: null,
    first_to_arrive_satisfied: false,
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  };
}

function group(id: number, organizationId: number, placeId: number, name: string): GroupRecord {
  return {
    id,
    organization_id: organizationId,
    place_id: placeId,
    name,
    description: null,
    login_enabled: true,
    geofence_restriction_enabled: false,
    geofence_restriction_radius: 300,
    primary_device_restriction_enabled: false,
    managed_device_restriction_enabled: false,
    reader_restriction_enabled: false,
    time_restriction_enabled: false,
    tap_to_access_restriction_enabled: false,
    users_count: 0,
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
  };
}

function groupLock(id: number, groupId: number, lockId: number): GroupLockRecord {
  return { id, group_id: groupId, lock_id: lockId, created_at: SEEDED_AT, updated_at: SEEDED_AT };
}

/** Organizations, users and API keys only: enough to authenticate, nothing to list. */
export function createEmptySeed(): EmulatorState {
  const d = DEMO_SEED;
  const o = OTHER_ORG_SEED;
  return {
    organizations: [
      { id: d.organizationId, name: d.organizationName, domain: "demo.latchkey.test" },
      { id: o.organizationId, name: o.organizationName, domain: "other.example.test" },
    ],
    users: [
      { id: d.userId, organization_id: d.organizationId, email: d.userEmail, name: d.userName },
      { id: o.userId, organization_id: o.organizationId, email: o.userEmail, name: o.userName },
    ],
    apiKeys: [
      { key: d.apiKey, userId: d.userId, name: "Latchkey server" },
      { key: d.secondApiKey, userId: d.userId, name: "Latchkey server (rotation)" },
      { key: o.apiKey, userId: o.userId, name: "Other server" },
    ],
    places: [],
    locks: [],
    groups: [],
    groupLocks: [],
    groupLinks: [],
    unlocks: [],
    sentEmails: [],
    sentTexts: [],
  };
}

/** A fresh deep copy of both demo tenants (nothing is shared with earlier copies). */
export function createDemoSeed(): EmulatorState {
  const d = DEMO_SEED;
  const o = OTHER_ORG_SEED;
  const state = createEmptySeed();
  state.places.push(
    place(
      d.placeId,
      d.organizationId,
      d.placeName,
      d.placeAddress,
      d.latitude,
      d.longitude,
      d.timeZone,
    ),
    place(
      o.placeId,
      o.organizationId,
      o.placeName,
      o.placeAddress,
      o.latitude,
      o.longitude,
      o.timeZone,
    ),
  );
  state.locks.push(
    lock(5001, d.placeId, "Front door", 1),
    lock(5002, d.placeId, "Studio 1", 2),
    lock(5003, d.placeId, "Locker room", 3),
    lock(d.staffLockId, d.placeId, "Office", 4),
    lock(5011, d.placeId, "Front door", 5),
    lock(5012, d.placeId, "Bouldering hall", 6),
    lock(o.lockId, o.placeId, "Porte d'entrée", 1),
  );
  state.groups.push(
    group(d.groupId, d.organizationId, d.placeId, d.groupName),
    group(d.staffGroupId, d.organizationId, d.placeId, d.staffGroupName),
    group(d.climbingGroupId, d.organizationId, d.placeId, d.climbingGroupName),
    group(o.groupId, o.organizationId, o.placeId, o.groupName),
  );
  state.groupLocks.push(
    groupLock(801, d.groupId, 5001),
    groupLock(802, d.groupId, 5002),
    groupLock(803, d.groupId, 5003),
    groupLock(804, d.staffGroupId, d.staffLockId),
    groupLock(805, o.groupId, o.lockId),
    groupLock(806, d.climbingGroupId, 5011),
    groupLock(807, d.climbingGroupId, 5012),
  );
  return state;
}
