/**
 * In-memory model of one Kisi tenant landscape. Fields that Kisi itself exposes keep Kisi's
 * snake_case names so tests can compare them with what the API returned; emulator-only
 * metadata (`deletedAt`, `organization_id` links, sent messages) is extra.
 */

export interface OrganizationRecord {
  id: number;
  name: string;
  domain: string;
}

export interface UserRecord {
  id: number;
  organization_id: number;
  email: string;
  name: string;
}

/** A dashboard API key (Kisi calls it a login secret too); several may belong to one user. */
export interface ApiKeyRecord {
  key: string;
  userId: number;
  name: string;
}

export interface PlaceRecord {
  id: number;
  organization_id: number;
  name: string;
  description: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  image: string | null;
  time_zone: string | null;
  locked_down: boolean;
  locked_down_since: string | null;
  occupancy_rate: number | null;
  integrations_count: number;
  created_at: string;
  updated_at: string;
}

export interface LockRecord {
  id: number;
  place_id: number;
  name: string;
  description: string | null;
  configured: boolean;
  online: boolean | null;
  open: boolean;
  unlocked: boolean;
  locked_down: boolean;
  locked_down_since: string | null;
  latitude: number | null;
  longitude: number | null;
  geofence_restriction_enabled: boolean | null;
  geofence_restriction_radius: number;
  reader_restriction_enabled: boolean | null;
  time_restriction_enabled: boolean | null;
  time_restriction_time_zone: string | null;
  order_id: number | null;
  floor_id: number | null;
  on_scheduled_unlock: boolean;
  first_to_arrive_required_until: string | null;
  first_to_arrive_satisfied: boolean;
  created_at: string;
  updated_at: string;
}

export interface GroupRecord {
  id: number;
  organization_id: number;
  place_id: number | null;
  name: string;
  description: string | null;
  login_enabled: boolean;
  geofence_restriction_enabled: boolean;
  geofence_restriction_radius: number;
  primary_device_restriction_enabled: boolean;
  managed_device_restriction_enabled: boolean;
  reader_restriction_enabled: boolean;
  time_restriction_enabled: boolean;
  tap_to_access_restriction_enabled: boolean;
  users_count: number;
  created_at: string;
  updated_at: string;
}

export interface GroupLockRecord {
  id: number;
  group_id: number;
  lock_id: number;
  created_at: string;
  updated_at: string;
}

export interface GroupLinkRecord {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  link_enabled: boolean;
  quick_response_code_type: "online" | "offline" | null;
  valid_from: string | null;
  valid_until: string | null;
  last_used_at: string | null;
  group_id: number;
  created_by_id: number;
  secret: string;
  quick_response_code_token: string | null;
  quick_response_code_image: string | null;
  created_at: string;
  updated_at: string;
  /** Set by `DELETE /group_links/{id}`; the record stays so tests can see what was revoked. */
  deletedAt: string | null;
}

export interface UnlockLocation {
  latitude: number;
  longitude: number;
}

export interface UnlockEvent {
  lockId: number;
  via: "login" | "group_link";
  groupLinkId?: number;
  userId?: number;
  location?: UnlockLocation;
  at: string;
}

/** Kisi sends its own email when a link is created with `email`; Latchkey must never cause one. */
export interface SentEmail {
  groupLinkId: number;
  email: string;
  at: string;
}

/** Same for `phone`: Kisi would text the link. */
export interface SentText {
  groupLinkId: number;
  phone: string;
  at: string;
}

export interface EmulatorState {
  organizations: OrganizationRecord[];
  users: UserRecord[];
  apiKeys: ApiKeyRecord[];
  places: PlaceRecord[];
  locks: LockRecord[];
  groups: GroupRecord[];
  groupLocks: GroupLockRecord[];
  groupLinks: GroupLinkRecord[];
  unlocks: UnlockEvent[];
  sentEmails: SentEmail[];
  sentTexts: SentText[];
}

const STATE_KEYS = [
  "organizations",
  "users",
  "apiKeys",
  "places",
  "locks",
  "groups",
  "groupLocks",
  "groupLinks",
  "unlocks",
  "sentEmails",
  "sentTexts",
] as const satisfies readonly (keyof EmulatorState)[];

/**
 * Replaces the contents of `target` with `source` array by array, so references that tests
 * hold (`emulator.state`, `emulator.state.groupLinks`) stay valid across `reset()`.
 */
export function replaceState(target: EmulatorState, source: EmulatorState): void {
  for (const key of STATE_KEYS) {
    const into = target[key] as unknown[];
    into.splice(0, into.length, ...(source[key] as unknown[]));
  }
}

export function nextGroupLinkId(state: EmulatorState): number {
  // Ids keep growing past deleted links, like a database sequence.
  return state.groupLinks.reduce((max, link) => Math.max(max, link.id), 900) + 1;
}

export function organizationOfPlace(state: EmulatorState, placeId: number): number | undefined {
  return state.places.find((place) => place.id === placeId)?.organization_id;
}

export function organizationOfLock(state: EmulatorState, lock: LockRecord): number | undefined {
  return organizationOfPlace(state, lock.place_id);
}

export function lockIdsOfGroup(state: EmulatorState, groupId: number): Set<number> {
  return new Set(state.groupLocks.filter((gl) => gl.group_id === groupId).map((gl) => gl.lock_id));
}
