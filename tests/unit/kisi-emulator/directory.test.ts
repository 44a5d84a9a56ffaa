import { describe, expect, it } from "vitest";
import { DEMO_SEED, OTHER_ORG_SEED } from "@/lib/kisi/emulator";
import type { Json } from "@/tests/support/kisi-emulator";
import {
  LOGIN,
  kisiRequest,
  setupGroupLinkAuth,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

const emu = setupKisiEmulator();
const linkAuth = setupGroupLinkAuth(emu);

const api = <T = Json>(method: string, path: string, auth?: string) =>
  kisiRequest<T>(emu().url, method, path, { auth });

describe("GET /places/{id}", () => {
  it("returns the full place with KISI-LOGIN", async () => {
    const res = await api("GET", `/places/${DEMO_SEED.placeId}`, LOGIN);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(
      [
        "id",
        "resource_type",
        "name",
        "description",
        "address",
        "latitude",
        "longitude",
        "image",
        "time_zone",
        "color",
        "logo",
        "created_at",
        "updated_at",
        "tz_time_zone",
        "locks_count",
        "integrations_count",
        "locked_down",
        "locked_down_since",
        "occupancy_rate",
        "organization_id",
        "organization",
        "user_id",
        "members_count",
      ].sort(),
    );
    expect(res.json).toMatchObject({
      resource_type: "Place",
      name: DEMO_SEED.placeName,
      address: DEMO_SEED.placeAddress,
      time_zone: "Europe/Berlin",
      tz_time_zone: "Europe/Berlin",
      locks_count: 6,
      organization_id: DEMO_SEED.organizationId,
      organization: {
        id: DEMO_SEED.organizationId,
        resource_type: "Organization",
        name: DEMO_SEED.organizationName,
        domain: "demo.latchkey.test",
      },
      user_id: null,
    });
  });

  it("returns exactly the subset with a link secret", async () => {
    const res = await api("GET", `/places/${DEMO_SEED.placeId}`, linkAuth());
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: DEMO_SEED.placeId,
      resource_type: "Place",
      name: "Latchkey Demo Studio",
      description: null,
      address: "Torstraße 1, 10119 Berlin",
      latitude: 52.52967,
      longitude: 13.40129,
      image: null,
      time_zone: "Europe/Berlin",
      color: null,
      logo: null,
    });
  });

  it("answers 403 for a place outside the caller's reach and 404 for an unknown one", async () => {
    const denied = { code: "afc496", error: "Access denied." };
    const viaLink = await api("GET", `/places/${OTHER_ORG_SEED.placeId}`, linkAuth());
    expect(viaLink).toMatchObject({ status: 403, json: denied });
    const viaLogin = await api("GET", `/places/${OTHER_ORG_SEED.placeId}`, LOGIN);
    expect(viaLogin).toMatchObject({ status: 403, json: denied });
    const unknown = await api("GET", "/places/12345", LOGIN);
    expect(unknown).toMatchObject({
      status: 404,
      json: { code: "000404", error: "The record could not be found." },
    });
    expect((await api("GET", `/places/${DEMO_SEED.placeId}`)).status).toBe(401);
  });
});

describe("GET /groups and /groups/{id}", () => {
  it("lists the organization's groups with the full group fields", async () => {
    const res = await api<Json[]>("GET", "/groups", LOGIN);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-collection-range")).toBe("0-9/3");
    expect(res.json.map((group) => group.id)).toEqual([
      DEMO_SEED.groupId,
      DEMO_SEED.staffGroupId,
      DEMO_SEED.climbingGroupId,
    ]);
    expect(Object.keys(res.json[0] ?? {}).sort()).toEqual(
      [
        "id",
        "resource_type",
        "name",
        "description",
        "created_at",
        "updated_at",
        "geofence_restriction_enabled",
        "geofence_restriction_radius",
        "primary_device_restriction_enabled",
        "managed_device_restriction_enabled",
        "reader_restriction_enabled",
        "time_restriction_enabled",
        "tap_to_access_restriction_enabled",
        "login_enabled",
        "users_count",
        "locks_count",
        "elevator_stops_count",
        "place_id",
        "place",
        "time_restriction_time_zone",
        "members_count",
      ].sort(),
    );
    expect(res.json[0]).toMatchObject({
      resource_type: "Group",
      name: "Latchkey guests",
      locks_count: 3,
      place_id: DEMO_SEED.placeId,
      place: { id: DEMO_SEED.placeId, resource_type: "Place", name: DEMO_SEED.placeName },
    });
  });

  it("filters by ids, query and place_id, and sorts by name", async () => {
    const ids = async (qs: string) =>
      (await api<Json[]>("GET", `/groups?${qs}`, LOGIN)).json.map((group) => group.id);
    expect(await ids("ids=43")).toEqual([43]);
    expect(await ids("query=staff")).toEqual([43]);
    expect(await ids(`place_id=${OTHER_ORG_SEED.placeId}`)).toEqual([]);
    expect(await ids("sort=-name")).toEqual([43, 42, 44]);
    expect(await ids("lock_id=5004")).toEqual([43]);
    expect((await api("GET", "/groups?limit=300", LOGIN)).status).toBe(400);
  });

  it("gets one group, 404 for unknown or foreign", async () => {
    const res = await api("GET", `/groups/${DEMO_SEED.groupId}`, LOGIN);
    expect(res).toMatchObject({ status: 200, json: { id: 42, name: "Latchkey guests" } });
    expect((await api("GET", `/groups/${OTHER_ORG_SEED.groupId}`, LOGIN)).status).toBe(404);
    expect((await api("GET", "/groups/777", LOGIN)).status).toBe(404);
  });
});

describe("GET /group_locks", () => {
  it("requires group_id (400) and returns the GroupLock item shape", async () => {
    const missing = await api("GET", "/group_locks", LOGIN);
    expect(missing).toMatchObject({
      status: 400,
      json: { code: "000400", error: "param is missing or the value is empty: group_id" },
    });

    const res = await api<Json[]>("GET", `/group_locks?group_id=${DEMO_SEED.groupId}`, LOGIN);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-collection-range")).toBe("0-9/3");
    expect(res.json.map((item) => item.lock_id)).toEqual([...DEMO_SEED.guestLockIds]);
    expect(res.json[0]).toEqual({
      id: expect.any(Number),
      resource_type: "GroupLock",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      group_id: 42,
      group: { id: 42, resource_type: "Group", name: "Latchkey guests" },
      lock_id: 5001,
      lock: { id: 5001, description: null, name: "Front door" },
      place_id: DEMO_SEED.placeId,
      place: { id: DEMO_SEED.placeId, resource_type: "Place", name: DEMO_SEED.placeName },
    });
  });

  it("answers 404 for another organization's group", async () => {
    const res = await api("GET", `/group_locks?group_id=${OTHER_ORG_SEED.groupId}`, LOGIN);
    expect(res.status).toBe(404);
  });
});
