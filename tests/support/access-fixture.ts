import { eq } from "drizzle-orm";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { studios } from "@/lib/db/schema";
import { DEMO_IDS, seedDemo } from "@/lib/demo/seed";
import type { UnlockDeps } from "@/lib/access/unlock";
import { KisiClient } from "@/lib/kisi/client";
import { createKisiLimiter } from "@/lib/kisi/limiter";
import { startKisiEmulator, type EmulatorOptions } from "@/lib/kisi/emulator";
import { issueLink, type IssueInput } from "@/lib/links/issue-link";

/**
 * The visitor side wired for real, minus Next: an in-memory PGlite with the demo tenant, the
 * Kisi emulator, and the production Kisi client pointed at it.
 */
export async function setupAccessFixture(
  emulatorOptions: EmulatorOptions = { rateLimitPerSecond: 10_000 },
) {
  const emulator = await startKisiEmulator({ port: 0, ...emulatorOptions });
  const handle = connectDatabase({ kind: "memory" });
  await runMigrations(handle);
  const config = parseConfig({ LATCHKEY_DEMO: "1", KISI_BASE_URL: emulator.url });
  await seedDemo(handle.db, config);
  const kisi = new KisiClient({
    baseUrl: emulator.url,
    limiter: createKisiLimiter({ ratePerSecond: 1000 }),
    timeouts: { readMs: 1_000, writeMs: 1_000, unlockMs: 1_000, unlockDeadlineMs: 2_500 },
    random: () => 0,
  });
  const deps: UnlockDeps = {
    db: handle.db,
    kisi,
    keyring: config.encryption,
    ipSalt: "test-salt",
    doorCacheMs: 0,
  };

  /** Issues a link through the real issuing path; returns the link and its token. */
  async function issue(overrides: Partial<IssueInput> = {}, client: KisiClient = kisi) {
    const now = Date.now();
    const issued = await issueLink(
      { db: handle.db, kisi: client, keyring: config.encryption, appOrigin: config.appOrigin },
      {
        studioId: DEMO_IDS.studio,
        guestName: "Jane Guest",
        guestEmail: null,
        locale: "en",
        validFrom: new Date(now - 60_000),
        validUntil: new Date(now + 3_600_000),
        sendEmail: false,
        ...overrides,
      },
    );
    return { ...issued, token: issued.url.split("/access/")[1] ?? "" };
  }

  async function setGeofence(values: Partial<typeof studios.$inferInsert>) {
    await handle.db.update(studios).set(values).where(eq(studios.id, DEMO_IDS.studio));
  }

  return {
    emulator,
    db: handle.db,
    deps,
    config,
    issue,
    setGeofence,
    close: async () => {
      await handle.close();
      await emulator.close();
    },
  };
}

export type AccessFixture = Awaited<ReturnType<typeof setupAccessFixture>>;
