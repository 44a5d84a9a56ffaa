import { describe, expect, it } from "vitest";
import { DEMO_SEED, OTHER_ORG_SEED } from "@/lib/kisi/emulator";
import type { Json, KisiRequestOptions } from "@/tests/support/kisi-emulator";
import {
  LOGIN,
  createGroupLinkAuth,
  kisiRequest,
  setupGroupLinkAuth,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

const emu = setupKisiEmulator();
const linkAuth = setupGroupLinkAuth(emu);

const api = <T = Json>(method: string, path: string, opts?: KisiRequestOptions) =>
  kisiRequest<T>(emu().url, method, path, opts);

const newLinkAuth = (groupId: number = DEMO_SEED.groupId) =>
  createGroupLinkAuth(emu().url, { group_id: groupId });

const SUBSET_KEYS = [
  "id",
  "name",
  "description",
  "configured",
  "online",
  "open",
  "unlocked",
  "unlocked_until",
  "locked_down",
  "locked_down_since",
  "place_id",
  "place",
].sort();

const FULL_KEYS = [
  "id",
  "resource_type",
  "created_at",
  "updated_at",
  "configured",
  "description",
  "first_to_arrive_required_until",
  "first_to_arrive_satisfied",
  "latitude",
  "locked_down",
  "locked_down_since",
  "longitude",
  "name",
  "on_scheduled_unlock",
  "online",
  "open",
  "order_id",
  "unlocked",
  "geofence_restriction_enabled",
  "geofence_restriction_radius",
  "reader_restriction_enabled",
  "time_restriction_enabled",
  "time_restriction_time_zone",
  "place_id",
  "place",
  "floor_id",
  "groups_count",
  "unlocked_until",
].sort();

const DEMO_PLACE = {
  id: DEMO_SEED.placeId,
  name: DEMO_SEED.placeName,
  latitude: DEMO_SEED.latitude,
  longitude: DEMO_SEED.longitude,
};

describe("GET /locks", () => {
  it("returns every lock of the organization in the full shape with KISI-LOGIN", async () => {
    const res = await api<Json[]>("GET", "/locks", { auth: LOGIN });
    expect(res.status).toBe(200);
    expect(res.json.map((lock) => lock.id)).toEqual([5001, 5002, 5003, 5004, 5011, 5012]);
    expect(res.headers.get("x-collection-range")).toBe("0-49/6");
    for (const lock of res.json) expect(Object.keys(lock).sort()).toEqual(FULL_KEYS);
    expect(res.json[0]).toMatchObject({
      resource_type: "Lock",
      name: "Front door",
      online: true,
      locked_down: false,
      latitude: null,
      geofence_restriction_enabled: false,
      geofence_restriction_radius: 300,
      groups_count: 1,
      place: DEMO_PLACE,
    });
  });

  it("returns only the link group's locks in the exact subset shape", async () => {
    const res = await api<Json[]>("GET", "/locks", { auth: linkAuth() });
    expect(res.status).toBe(200);
    expect(res.json.map((lock) => lock.id)).toEqual([...DEMO_SEED.guestLockIds]);
    for (const lock of res.json) expect(Object.keys(lock).sort()).toEqual(SUBSET_KEYS);
    expect(res.json[0]).toEqual({
      id: 5001,
      name: "Front door",
      description: null,
      configured: true,
      online: true,
      open: false,
      unlocked: false,
      unlocked_until: null,
      locked_down: false,
      locked_down_since: null,
      place_id: DEMO_SEED.placeId,
      place: DEMO_PLACE,
    });
    const staff = await api<Json[]>("GET", "/locks", { auth: await newLinkAuth(43) });
    expect(staff.json.map((lock) => lock.id)).toEqual([DEMO_SEED.staffLockId]);
  });

  it("filters by ids, query, place_id, online and locked_down", async () => {
    emu().setLock(5002, { online: false });
    emu().setLock(5003, { locked_down: true });
    const ids = async (qs: string, auth = LOGIN) =>
      (await api<Json[]>("GET", `/locks?${qs}`, { auth })).json.map((lock) => lock.id);
    expect(await ids("ids=5001,5004")).toEqual([5001, 5004]);
    expect(await ids("ids=5001,5004", linkAuth())).toEqual([5001]);
    expect(await ids("query=STUDIO")).toEqual([5002]);
    expect(await ids(`place_id=${DEMO_SEED.placeId}`)).toEqual([
      5001, 5002, 5003, 5004, 5011, 5012,
    ]);
    expect(await ids(`place_id=${OTHER_ORG_SEED.placeId}`)).toEqual([]);
    expect(await ids("online=false")).toEqual([5002]);
    expect(await ids("locked_down=true", linkAuth())).toEqual([5003]);
    expect(await ids("sort=-name")).toEqual([5002, 5004, 5003, 5011, 5001, 5012]);
    expect((await api("GET", "/locks?online=maybe", { auth: LOGIN })).status).toBe(400);
  });

  it("paginates with limit default 50, max 250", async () => {
    const page = await api<Json[]>("GET", "/locks?limit=2&offset=2", { auth: LOGIN });
    expect(page.json.map((lock) => lock.id)).toEqual([5003, 5004]);
    expect(page.headers.get("x-collection-range")).toBe("2-3/6");
    expect((await api("GET", "/locks?limit=251", { auth: LOGIN })).status).toBe(400);
    const empty = await api("GET", "/locks?query=nothing", { auth: LOGIN });
    expect(empty.headers.get("x-collection-range")).toBe("*/0");
  });
});

describe("POST /locks/{id}/unlock", () => {
  it("unlocks with a link secret, answering exactly {message: Unlocked!}", async () => {
    const location = { latitude: 52.5297, longitude: 13.4013 };
    const res = await api("POST", "/locks/5002/unlock", {
      auth: linkAuth(),
      body: { context: { location, services: [{ type: "GPS" }] }, lock: { proximity_proof: null } },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: "Unlocked!" });
    const link = emu().state.groupLinks[0];
    expect(emu().state.unlocks).toEqual([
      { lockId: 5002, via: "group_link", groupLinkId: link?.id, location, at: expect.any(String) },
    ]);
    expect(link?.last_used_at).toBe(emu().state.unlocks[0]?.at);
  });

  it("unlocks with KISI-LOGIN and an empty body", async () => {
    const res = await api("POST", "/locks/5004/unlock", { auth: LOGIN });
    expect(res).toMatchObject({ status: 200, json: { message: "Unlocked!" } });
    expect(emu().state.unlocks).toEqual([
      { lockId: 5004, via: "login", userId: DEMO_SEED.userId, at: expect.any(String) },
    ]);
  });

  it("answers 404 fad10e for an unknown door", async () => {
    for (const path of ["/locks/9999/unlock", "/locks/abc/unlock"]) {
      const res = await api("POST", path, { auth: linkAuth() });
      expect(res.status, path).toBe(404);
      expect(res.json, path).toEqual({ code: "fad10e", error: "The door could not be found." });
    }
  });

  it("answers 403 afc496 outside the link's group or the caller's organization", async () => {
    const denied = { code: "afc496", error: "Access denied." };
    const staff = await api("POST", `/locks/${DEMO_SEED.staffLockId}/unlock`, { auth: linkAuth() });
    expect(staff).toMatchObject({ status: 403, json: denied });
    const foreign = await api("POST", `/locks/${OTHER_ORG_SEED.lockId}/unlock`, { auth: LOGIN });
    expect(foreign).toMatchObject({ status: 403, json: denied });
    expect(emu().state.unlocks).toEqual([]);
  });

  it("answers 403 fad001 when the door is locked down and 503 fac001 when offline", async () => {
    emu().setLock(5001, { locked_down: true });
    const down = await api("POST", "/locks/5001/unlock", { auth: linkAuth() });
    expect(down.status).toBe(403);
    expect(down.json).toEqual({ code: "fad001", error: "The door is currently locked down." });
    expect(emu().state.locks.find((lock) => lock.id === 5001)?.locked_down_since).toEqual(
      expect.any(String),
    );

    emu().setLock(5002, { online: false });
    const offline = await api("POST", "/locks/5002/unlock", { auth: linkAuth() });
    expect(offline.status).toBe(503);
    expect(offline.json).toEqual({
      code: "fac001",
      error: "The Kisi controller is currently unavailable.",
    });

    emu().setLock(5003, { online: null });
    expect((await api("POST", "/locks/5003/unlock", { auth: linkAuth() })).status).toBe(200);
    expect(emu().state.unlocks.map((u) => u.lockId)).toEqual([5003]);
  });

  it("answers 403 fad002 when the whole place is locked down", async () => {
    const place = emu().state.places.find((p) => p.id === DEMO_SEED.placeId);
    if (place) place.locked_down = true;
    const res = await api("POST", "/locks/5001/unlock", { auth: linkAuth() });
    expect(res).toMatchObject({ status: 403, json: { code: "fad002" } });
  });

  it("answers 400 when context.location lacks a coordinate", async () => {
    for (const location of [
      { latitude: 52.5 },
      { longitude: 13.4 },
      { latitude: "52", longitude: 13 },
    ]) {
      const res = await api("POST", "/locks/5001/unlock", {
        auth: linkAuth(),
        body: { context: { location } },
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        code: "000400",
        error: "The location needs a numeric latitude and longitude.",
      });
    }
    expect(emu().state.unlocks).toEqual([]);
  });

  it("does not apply the geofence to links, but does to logins", async () => {
    for (const lock of emu().state.locks) lock.geofence_restriction_enabled = true;
    const paris = { latitude: OTHER_ORG_SEED.latitude, longitude: OTHER_ORG_SEED.longitude };
    const near = { latitude: 52.5298, longitude: 13.4014 };

    const viaLink = await api("POST", "/locks/5001/unlock", {
      auth: linkAuth(),
      body: { context: { location: paris } },
    });
    expect(viaLink.status).toBe(200);
    const noLocation = await api("POST", "/locks/5001/unlock", { auth: linkAuth() });
    expect(noLocation.status).toBe(200);

    const far = await api("POST", "/locks/5001/unlock", {
      auth: LOGIN,
      body: { context: { location: paris } },
    });
    expect(far).toMatchObject({
      status: 403,
      json: { code: "a3995f", error: "You are too far away." },
    });
    const missing = await api("POST", "/locks/5001/unlock", { auth: LOGIN });
    expect(missing).toMatchObject({ status: 403, json: { code: "bbb99f" } });
    const ok = await api("POST", "/locks/5001/unlock", {
      auth: LOGIN,
      body: { context: { location: near } },
    });
    expect(ok.status).toBe(200);
    expect(emu().state.unlocks.map((u) => u.via)).toEqual(["group_link", "group_link", "login"]);
  });

  it("ignores a body that is not declared as JSON, as Rails does", async () => {
    const res = await api("POST", "/locks/5001/unlock", {
      auth: linkAuth(),
      rawBody: JSON.stringify({ context: { location: { latitude: 1, longitude: 2 } } }),
      contentType: "text/plain",
    });
    expect(res.status).toBe(200);
    expect(emu().state.unlocks[0]?.location).toBeUndefined();
    expect(emu().requests.at(-1)?.body).toEqual({
      context: { location: { latitude: 1, longitude: 2 } },
    });
  });

  it("answers 400 for a JSON body that does not parse", async () => {
    const res = await api("POST", "/locks/5001/unlock", { auth: linkAuth(), rawBody: "{nope" });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: "000400", error: "The request body is not valid JSON." });
    expect(emu().requests.at(-1)?.body).toBe("{nope");
    expect(emu().state.unlocks).toEqual([]);
  });
});
