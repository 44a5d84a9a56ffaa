import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KisiClient, listAll, type KisiLinkAuth, type KisiLoginAuth } from "@/lib/kisi/client";
import { KisiError } from "@/lib/kisi/errors";
import { createKisiLimiter } from "@/lib/kisi/limiter";
import { DEMO_SEED, startKisiEmulator, type KisiEmulator } from "@/lib/kisi/emulator";

/**
 * One contract, two targets: the bundled emulator always, and the real Kisi API when
 * KISI_TEST_API_KEY (and KISI_TEST_GROUP_ID, a group whose doors a throwaway link may list) are
 * set. Against real Kisi only safe calls run: nothing here unlocks a physical door, and every
 * link created is deleted again.
 */
type Target = {
  baseUrl: string;
  apiKey: string;
  groupId: number;
  emulator?: KisiEmulator;
  close: () => Promise<void>;
};

function contract(name: string, setup: () => Promise<Target>) {
  describe(name, () => {
    let target: Target;
    let client: KisiClient;
    let login: KisiLoginAuth;
    const created: number[] = [];

    beforeAll(async () => {
      target = await setup();
      client = new KisiClient({ baseUrl: target.baseUrl, limiter: createKisiLimiter() });
      login = { scheme: "login", apiKey: target.apiKey };
    });
    afterAll(async () => {
      for (const id of created) await client.deleteGroupLink(login, id).catch(() => undefined);
      await target?.close();
    });

    it("lists the group and the doors it opens", async () => {
      const groups = await listAll((q) => client.listGroups(login, q));
      expect(groups.map((g) => g.id)).toContain(target.groupId);
      const groupLocks = await client.listGroupLocks(login, target.groupId, { limit: 250 });
      expect(groupLocks.items.length).toBeGreaterThan(0);
      for (const gl of groupLocks.items) expect(gl.group_id).toBe(target.groupId);
    });

    it("creates a link without an email, lists it without its secret, scopes doors to it, deletes it", async () => {
      const name = `Latchkey contract ${randomBytes(6).toString("hex")}`;
      const validFrom = new Date(Date.now() - 60_000);
      const validUntil = new Date(Date.now() + 3_600_000);
      const link = await client.createGroupLink(login, {
        name,
        groupId: target.groupId,
        validFrom,
        validUntil,
      });
      created.push(link.id);
      expect(link).toMatchObject({
        name,
        group_id: target.groupId,
        email: null,
        link_enabled: true,
      });
      expect(link.secret.length).toBeGreaterThanOrEqual(16);
      // Kisi may store whole seconds.
      expect(
        Math.abs(new Date(link.valid_until ?? 0).getTime() - validUntil.getTime()),
      ).toBeLessThan(1000);

      const page = await client.listGroupLinks(login, { query: name });
      expect(page.items.map((l) => l.id)).toEqual([link.id]);
      expect(page.total).toBe(1);
      expect(page.items[0]).not.toHaveProperty("secret");

      const linkAuth: KisiLinkAuth = { scheme: "group_link", secret: link.secret };
      const groupLocks = await client.listGroupLocks(login, target.groupId, { limit: 250 });
      const doors = await client.listLinkLocks(linkAuth, { limit: 250 });
      expect(doors.items.map((d) => d.id).sort()).toEqual(
        groupLocks.items.map((gl) => gl.lock_id).sort(),
      );
      for (const door of doors.items) expect(door).not.toHaveProperty("latitude");

      const place = await client.getPlace(linkAuth, doors.items[0]!.place_id);
      expect(place.id).toBe(doors.items[0]!.place_id);

      await client.deleteGroupLink(login, link.id);
      created.pop();
      const after = await client.listLinkLocks(linkAuth).catch((e: unknown) => e);
      expect(after).toBeInstanceOf(KisiError);
      expect((after as KisiError).isAuthFailure).toBe(true);
    });

    it("answers 404 for a link that does not exist", async () => {
      const error = await client.deleteGroupLink(login, 2_000_000_000).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "http", status: 404 });
    });

    it("refuses an unknown API key with 401", async () => {
      const error = await client
        .listGroups({ scheme: "login", apiKey: `not-a-key-${randomBytes(8).toString("hex")}` })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "http", status: 401 });
      expect((error as KisiError).isAuthFailure).toBe(true);
    });
  });
}

contract("Kisi contract: emulator", async () => {
  const emulator = await startKisiEmulator({ port: 0 });
  return {
    baseUrl: emulator.url,
    apiKey: DEMO_SEED.apiKey,
    groupId: DEMO_SEED.groupId,
    emulator,
    close: () => emulator.close(),
  };
});

const realKey = process.env.KISI_TEST_API_KEY;
const realGroup = Number(process.env.KISI_TEST_GROUP_ID);
describe.skipIf(!realKey || !realGroup)(
  "Kisi contract: real API — skipped: set KISI_TEST_API_KEY and KISI_TEST_GROUP_ID to run",
  () => {
    contract("real Kisi", async () => ({
      baseUrl: process.env.KISI_TEST_BASE_URL ?? "https://api.kisi.io",
      apiKey: realKey ?? "",
      groupId: realGroup,
      close: async () => undefined,
    }));
  },
);
