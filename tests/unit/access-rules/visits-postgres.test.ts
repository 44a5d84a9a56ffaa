import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unlockDoor, type UnlockDeps } from "@/lib/access/unlock";
import { reserveVisit } from "@/lib/access-rules/visits";
import { ApiError } from "@/lib/api/errors";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { accessLinks, unlockAudit } from "@/lib/db/schema";
import { DEMO_IDS, seedDemo } from "@/lib/demo/seed";
import { KisiClient } from "@/lib/kisi/client";
import { createKisiLimiter } from "@/lib/kisi/limiter";
import { DEMO_SEED, startKisiEmulator, type KisiEmulator } from "@/lib/kisi/emulator";
import { findLinkByToken } from "@/lib/links/find-by-token";
import { issueLink } from "@/lib/links/issue-link";
import {
  postgresAvailable,
  startPostgres,
  type PostgresServer,
} from "../../support/postgres-server";

const [FRONT_DOOR] = DEMO_SEED.guestLockIds as [number, number, number];

/**
 * Two instances = two connection pools on one PostgreSQL server, each with its own Kisi client,
 * against one Kisi emulator: the visit limit must hold through the database alone.
 */
describe.skipIf(!postgresAvailable())(
  "visit limits across two instances on PostgreSQL — skipped: apt-get install postgresql",
  () => {
    let pg: PostgresServer;
    let instances: DbHandle[];
    let emulator: KisiEmulator;
    let deps: UnlockDeps[];
    let config: ReturnType<typeof parseConfig>;

    beforeAll(async () => {
      pg = await startPostgres();
      instances = [0, 1].map(() => connectDatabase({ kind: "postgres", url: pg.url }));
      await runMigrations(instances[0]!);
      emulator = await startKisiEmulator({ port: 0, rateLimitPerSecond: 10_000 });
      config = parseConfig({ LATCHKEY_DEMO: "1", KISI_BASE_URL: emulator.url });
      await seedDemo(instances[0]!.db, config);
      deps = instances.map((handle) => ({
        db: handle.db,
        kisi: new KisiClient({
          baseUrl: emulator.url,
          limiter: createKisiLimiter({ ratePerSecond: 1000 }),
          random: () => 0,
        }),
        keyring: config.encryption,
        ipSalt: "salt",
        doorCacheMs: 0,
      }));
    }, 90_000);
    afterAll(async () => {
      await emulator?.close();
      for (const handle of instances ?? []) await handle.close();
      pg?.stop();
    });

    async function issue(rules: { visitLimit: number }) {
      const now = Date.now();
      const issued = await issueLink(
        {
          db: instances[0]!.db,
          kisi: deps[0]!.kisi,
          keyring: config.encryption,
          appOrigin: config.appOrigin,
        },
        {
          studioId: DEMO_IDS.studio,
          guestName: "Trial Guest",
          guestEmail: null,
          locale: "en",
          validFrom: new Date(now - 60_000),
          validUntil: new Date(now + 3_600_000),
          sendEmail: false,
          rules,
        },
      );
      return { link: issued.link, token: issued.url.split("/access/")[1]! };
    }

    it("20 simultaneous reservations of a link's last visit: one starts it, the rest join it", async () => {
      const { link, token } = await issue({ visitLimit: 3 });
      // Two visits used, the last one over long ago: the next reservation is the last visit.
      await instances[0]!.db
        .update(accessLinks)
        .set({ visitsUsed: 2, visitStartedAt: new Date(Date.now() - 86_400_000) })
        .where(eq(accessLinks.id, link.id));
      const accesses = await Promise.all(instances.map((h) => findLinkByToken(h.db, token)));
      const now = new Date();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reserveVisit(instances[i % 2]!.db, accesses[i % 2]!, now),
        ),
      );
      const kinds = results.map((r) => (r.ok ? r.ticket.kind : r.refused));
      expect(kinds.filter((k) => k === "new")).toHaveLength(1);
      expect(kinds.filter((k) => k === "current")).toHaveLength(19);
      const [row] = await instances[1]!.db
        .select()
        .from(accessLinks)
        .where(eq(accessLinks.id, link.id));
      expect(row!.visitsUsed).toBe(3);
      // The visit over, none is left: all 20 are refused, nothing changes.
      const later = new Date(now.getTime() + 2 * 3_600_000);
      const fresh = await Promise.all(instances.map((h) => findLinkByToken(h.db, token)));
      const refused = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reserveVisit(instances[i % 2]!.db, fresh[i % 2]!, later),
        ),
      );
      expect(refused.every((r) => !r.ok && r.refused === "no_visits_left")).toBe(true);
    });

    it("20 simultaneous taps on a 1-visit link across both instances open the door once, all audited", async () => {
      emulator.reset();
      const { link, token } = await issue({ visitLimit: 1 });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          unlockDoor(deps[i % 2]!, {
            token,
            lockId: FRONT_DOOR,
            body: {},
            ip: `198.51.100.${i}`,
            userAgent: "test",
          }).then(
            () => "ok",
            (error: unknown) => (error instanceof ApiError ? error.code : "thrown"),
          ),
        ),
      );
      expect(outcomes).not.toContain("thrown");
      const opened = emulator.state.unlocks.filter((u) => u.groupLinkId === link.kisiGroupLinkId);
      expect(opened).toHaveLength(1);
      const audit = await instances[0]!.db
        .select()
        .from(unlockAudit)
        .where(eq(unlockAudit.linkId, link.id));
      expect(audit).toHaveLength(20);
      expect(audit.filter((a) => a.outcome === "unlocked")).toHaveLength(1);
      const [row] = await instances[0]!.db
        .select()
        .from(accessLinks)
        .where(eq(accessLinks.id, link.id));
      expect(row).toMatchObject({ visitsUsed: 1, visitConfirmed: true });
    });
  },
);
