import { describe, expect, it } from "vitest";
import { DEMO_SEED, OTHER_ORG_SEED, startKisiEmulator } from "@/lib/kisi/emulator";
import type { Json, KisiRequestOptions } from "@/tests/support/kisi-emulator";
import {
  LOGIN,
  OTHER_LOGIN,
  createGroupLink,
  groupLinkAuth,
  kisiRequest,
  seedGroupLink,
  setupKisiEmulator,
} from "@/tests/support/kisi-emulator";

const emu = setupKisiEmulator();
// This file's calls send Accept as a client may; the other files check answers without it.
const ACCEPT_JSON = { Accept: "application/json" };

const api = <T = Json>(method: string, path: string, opts: KisiRequestOptions = {}) =>
  kisiRequest<T>(emu().url, method, path, {
    ...opts,
    headers: { ...ACCEPT_JSON, ...opts.headers },
  });

const createLink = (fields: Json = {}, auth = LOGIN) =>
  createGroupLink(emu().url, { name: "Jane Visitor", ...fields }, auth, { headers: ACCEPT_JSON });

const LIST_KEYS = [
  "id",
  "resource_type",
  "name",
  "email",
  "phone",
  "last_used_at",
  "link_enabled",
  "quick_response_code_type",
  "valid_from",
  "valid_until",
  "created_at",
  "updated_at",
  "group_id",
  "group",
  "created_by_type",
  "created_by_id",
  "created_by",
  "issued_by_id",
  "issued_by",
].sort();

describe("POST /group_links", () => {
  it("answers 200 (not 201) with the full object including a long URL-safe secret", async () => {
    const res = await createLink({
      valid_from: "2030-05-01T08:00:00Z",
      valid_until: "2030-05-01T18:00:00Z",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Object.keys(res.json).sort()).toEqual(
      [...LIST_KEYS, "secret", "quick_response_code_token", "quick_response_code_image"].sort(),
    );
    const owner = {
      id: DEMO_SEED.userId,
      resource_type: "User",
      email: DEMO_SEED.userEmail,
      name: DEMO_SEED.userName,
    };
    expect(res.json).toMatchObject({
      resource_type: "GroupLink",
      name: "Jane Visitor",
      email: null,
      phone: null,
      last_used_at: null,
      link_enabled: true,
      quick_response_code_type: null,
      valid_from: "2030-05-01T08:00:00.000Z",
      valid_until: "2030-05-01T18:00:00.000Z",
      group_id: 42,
      group: { id: 42, resource_type: "Group", name: "Latchkey guests" },
      created_by_type: "User",
      created_by_id: DEMO_SEED.userId,
      created_by: owner,
      issued_by_id: DEMO_SEED.userId,
      issued_by: owner,
      quick_response_code_token: null,
      quick_response_code_image: null,
    });
    expect(res.json.secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const stored = emu().state.groupLinks.find((link) => link.id === res.json.id);
    expect(stored?.secret).toBe(res.json.secret);
    expect(stored?.deletedAt).toBeNull();
  });

  it("gives every link a different secret and increasing ids", async () => {
    const a = await createLink();
    const b = await createLink();
    expect(a.json.secret).not.toBe(b.json.secret);
    expect(b.json.id).toBe((a.json.id as number) + 1);
  });

  it("records a Kisi email only when an email is given", async () => {
    await createLink();
    expect(emu().state.sentEmails).toEqual([]);
    const withEmail = await createLink({ email: "jane@example.com" });
    expect(withEmail.status).toBe(200);
    expect(emu().state.sentEmails).toEqual([
      { groupLinkId: withEmail.json.id, email: "jane@example.com", at: expect.any(String) },
    ]);
    expect(emu().state.sentTexts).toEqual([]);
  });

  it("returns QR fields only when a QR type is requested", async () => {
    const res = await createLink({ quick_response_code_type: "online" });
    expect(res.json.quick_response_code_type).toBe("online");
    expect(res.json.quick_response_code_token).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof res.json.quick_response_code_image).toBe("string");
  });

  it("lists every missing required field in a 422 errors body", async () => {
    const res = await api("POST", "/group_links", { auth: LOGIN, body: { group_link: {} } });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      errors: { name: ["can't be blank"], group_id: ["can't be blank"] },
    });
    const blank = await createLink({ name: "   " });
    expect(blank.json).toEqual({ errors: { name: ["can't be blank"] } });
    expect(emu().state.groupLinks).toHaveLength(0);
  });

  it("answers 422 for an unknown group and an inverted validity window", async () => {
    const unknown = await createLink({ group_id: 999 });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toEqual({ errors: { group: ["must exist"] } });

    const inverted = await createLink({
      valid_from: "2030-05-02T00:00:00Z",
      valid_until: "2030-05-01T00:00:00Z",
    });
    expect(inverted.status).toBe(422);
    expect(inverted.json).toEqual({ errors: { valid_until: ["must be after valid from"] } });

    const garbage = await createLink({
      valid_until: "tomorrow",
      email: "nope",
      phone: "+49301234",
    });
    expect(garbage.json).toEqual({
      errors: { email: ["is invalid"], phone: ["is invalid"], valid_until: ["is invalid"] },
    });
    expect(emu().state.groupLinks).toHaveLength(0);
  });

  it("answers 400 when the group_link wrapper is missing", async () => {
    const res = await api("POST", "/group_links", {
      auth: LOGIN,
      body: { name: "x", group_id: 42 },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: "000400",
      error: "param is missing or the value is empty: group_link",
    });
  });

  it("forbids another organization's group with 403", async () => {
    const res = await createLink({ group_id: OTHER_ORG_SEED.groupId });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ code: "afc496", error: "Access denied." });
    expect(emu().state.groupLinks).toHaveLength(0);
  });

  it("refuses a group-link secret with 401", async () => {
    const link = await createLink();
    const res = await createLink({}, groupLinkAuth(link.json.secret));
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      code: "000401",
      error: "You need to sign in or sign up before continuing.",
    });
    expect(emu().state.groupLinks).toHaveLength(1);
  });
});

describe("GET /group_links", () => {
  it("returns a bare array without secret or QR token/image", async () => {
    await createLink({ email: "a@example.com", quick_response_code_type: "offline" });
    const res = await api<Json[]>("GET", "/group_links", { auth: LOGIN });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json)).toBe(true);
    expect(res.json).toHaveLength(1);
    expect(Object.keys(res.json[0] ?? {}).sort()).toEqual(LIST_KEYS);
    expect(res.text).not.toContain(emu().state.groupLinks[0]?.secret ?? "no-secret");
    expect(res.headers.get("x-collection-range")).toBe("0-9/1");
  });

  it("shows only the caller's organization and hides deleted links", async () => {
    const mine = await createLink({ name: "Mine" });
    const gone = await createLink({ name: "Gone" });
    await createLink({ name: "Theirs", group_id: OTHER_ORG_SEED.groupId }, OTHER_LOGIN);
    await api("DELETE", `/group_links/${String(gone.json.id)}`, { auth: LOGIN });
    const res = await api<Json[]>("GET", "/group_links", { auth: LOGIN });
    expect(res.json.map((link) => link.id)).toEqual([mine.json.id]);
    const theirs = await api<Json[]>("GET", "/group_links", { auth: OTHER_LOGIN });
    expect(theirs.json.map((link) => link.name)).toEqual(["Theirs"]);
  });

  it("filters by ids, group_id and query (name, email, phone, group name)", async () => {
    const a = await createLink({ name: "Alice", email: "alice@example.com" });
    const b = await createLink({ name: "Bob", phone: "+12125550123" });
    const c = await createLink({ name: "Carol", group_id: DEMO_SEED.staffGroupId });
    const names = async (qs: string) =>
      (await api<Json[]>("GET", `/group_links?${qs}`, { auth: LOGIN })).json.map((l) => l.name);

    expect(await names(`ids=${String(a.json.id)},${String(c.json.id)}`)).toEqual([
      "Alice",
      "Carol",
    ]);
    expect(await names(`group_id=${DEMO_SEED.staffGroupId}`)).toEqual(["Carol"]);
    expect(await names("query=ALICE@")).toEqual(["Alice"]);
    expect(await names("query=555")).toEqual(["Bob"]);
    expect(await names("query=staff")).toEqual(["Carol"]);
    expect(await names("query=latchkey%20guests")).toEqual(["Alice", "Bob"]);
    expect(b.json.phone).toBe("+12125550123");
    expect(emu().state.sentTexts).toEqual([
      { groupLinkId: b.json.id, phone: "+12125550123", at: expect.any(String) },
    ]);
  });

  it("sorts by name, valid_until (no expiry last) and group name", async () => {
    await createLink({ name: "bravo", valid_until: "2030-01-02T00:00:00Z" });
    await createLink({ name: "Alpha" });
    await createLink({ name: "charlie", valid_until: "2030-01-01T00:00:00Z", group_id: 43 });
    const names = async (sort: string) =>
      (await api<Json[]>("GET", `/group_links?sort=${sort}`, { auth: LOGIN })).json.map(
        (l) => l.name,
      );
    expect(await names("name")).toEqual(["Alpha", "bravo", "charlie"]);
    expect(await names("-name")).toEqual(["charlie", "bravo", "Alpha"]);
    expect(await names("valid_until")).toEqual(["charlie", "bravo", "Alpha"]);
    expect(await names("-valid_until")).toEqual(["Alpha", "bravo", "charlie"]);
    expect(await names("group_name")).toEqual(["bravo", "Alpha", "charlie"]);
    const bad = await api("GET", "/group_links?sort=created_at", { auth: LOGIN });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("000400");
  });

  it("sorts by last unlock: never used first", async () => {
    const first = await createLink({ name: "used-first" });
    const second = await createLink({ name: "used-later" });
    await createLink({ name: "never" });
    for (const link of [first, second]) {
      const unlock = await api("POST", "/locks/5001/unlock", {
        auth: groupLinkAuth(link.json.secret),
      });
      expect(unlock.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const res = await api<Json[]>("GET", "/group_links?sort=unlock", { auth: LOGIN });
    expect(res.json.map((l) => l.name)).toEqual(["never", "used-first", "used-later"]);
    expect(res.json[1]?.last_used_at).toEqual(expect.any(String));
  });
});

describe("pagination and X-Collection-Range", () => {
  async function seedLinks(count: number) {
    for (let i = 0; i < count; i += 1) await createLink({ name: `Guest ${i}` });
  }

  it("uses Kisi's requested-range form by default (15 items, offset 10 → 10-19/15)", async () => {
    await seedLinks(15);
    const first = await api<Json[]>("GET", "/group_links", { auth: LOGIN });
    expect(first.json).toHaveLength(10);
    expect(first.headers.get("x-collection-range")).toBe("0-9/15");
    const second = await api<Json[]>("GET", "/group_links?limit=10&offset=10", { auth: LOGIN });
    expect(second.json).toHaveLength(5);
    expect(second.headers.get("x-collection-range")).toBe("10-19/15");
    const past = await api<Json[]>("GET", "/group_links?offset=20", { auth: LOGIN });
    expect(past.json).toEqual([]);
    expect(past.headers.get("x-collection-range")).toBe("20-29/15");
  });

  it("answers */0 for an empty collection", async () => {
    const res = await api<Json[]>("GET", "/group_links", { auth: LOGIN });
    expect(res.json).toEqual([]);
    expect(res.headers.get("x-collection-range")).toBe("*/0");
  });

  it("rejects out-of-range or non-integer limit and offset with 400", async () => {
    for (const qs of [
      "limit=251",
      "limit=0",
      "limit=abc",
      "offset=20001",
      "offset=-1",
      "offset=1.5",
    ]) {
      const res = await api("GET", `/group_links?${qs}`, { auth: LOGIN });
      expect(res.status, qs).toBe(400);
      expect(Object.keys(res.json).sort(), qs).toEqual(["code", "error"]);
    }
    const max = await api("GET", "/group_links?limit=250&offset=20000", { auth: LOGIN });
    expect(max.status).toBe(200);
    expect(max.headers.get("x-collection-range")).toBe("*/0");
  });
});

describe("pagination with collectionRange: returned", () => {
  it("ends the range at the last item returned", async () => {
    const other = await startKisiEmulator({
      port: 0,
      rateLimitPerSecond: 10_000,
      collectionRange: "returned",
    });
    try {
      for (let i = 0; i < 15; i += 1) {
        seedGroupLink(other, { id: 1000 + i, name: "Seeded", secret: `secret-${i}` });
      }
      const get = async (qs: string) =>
        (await kisiRequest(other.url, "GET", `/group_links?${qs}`, { auth: LOGIN })).headers.get(
          "x-collection-range",
        );
      expect(await get("limit=10&offset=0")).toBe("0-9/15");
      expect(await get("limit=10&offset=10")).toBe("10-14/15");
      expect(await get("limit=10&offset=20")).toBe("20-29/15");
    } finally {
      await other.close();
    }
  });
});

describe("DELETE /group_links/{id}", () => {
  it("answers 204 with no body and the secret stops working", async () => {
    const link = await createLink();
    const secretAuth = groupLinkAuth(link.json.secret);
    expect((await api("GET", "/locks", { auth: secretAuth })).status).toBe(200);

    const res = await api("DELETE", `/group_links/${String(link.json.id)}`, { auth: LOGIN });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(emu().state.groupLinks[0]?.deletedAt).toEqual(expect.any(String));

    const after = await api("GET", "/locks", { auth: secretAuth });
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ code: "f299ef", error: "Your link is invalid." });
  });

  it("answers 404 for unknown, already deleted and other-organization links", async () => {
    const link = await createLink();
    const theirs = await createLink({ group_id: OTHER_ORG_SEED.groupId }, OTHER_LOGIN);
    const notFound = { code: "000404", error: "The record could not be found." };

    expect((await api("DELETE", "/group_links/424242", { auth: LOGIN })).json).toEqual(notFound);
    expect((await api("DELETE", "/group_links/abc", { auth: LOGIN })).status).toBe(404);
    const cross = await api("DELETE", `/group_links/${String(theirs.json.id)}`, { auth: LOGIN });
    expect(cross.status).toBe(404);
    expect(emu().state.groupLinks.find((l) => l.id === theirs.json.id)?.deletedAt).toBeNull();

    expect(
      (await api("DELETE", `/group_links/${String(link.json.id)}`, { auth: LOGIN })).status,
    ).toBe(204);
    const again = await api("DELETE", `/group_links/${String(link.json.id)}`, { auth: LOGIN });
    expect(again.status).toBe(404);
    expect(again.json).toEqual(notFound);
  });

  it("requires KISI-LOGIN", async () => {
    const link = await createLink();
    const res = await api("DELETE", `/group_links/${String(link.json.id)}`, {
      auth: groupLinkAuth(link.json.secret),
    });
    expect(res.status).toBe(401);
    expect(emu().state.groupLinks[0]?.deletedAt).toBeNull();
  });
});
