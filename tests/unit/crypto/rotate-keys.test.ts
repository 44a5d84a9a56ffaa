import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyId } from "@/lib/crypto/encryption";
import { reencryptAll } from "@/lib/crypto/rotate-keys";
import { connectDatabase, queryRows, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { accessLinks, kisiCredentials, organizations } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { linkDetail } from "@/lib/links/link-detail";
import { openFor, sealFor, secretContext } from "@/lib/links/secrets";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());

async function keyIdsInUse(): Promise<string[]> {
  const rows = await queryRows<{ k: string }>(
    fx.db,
    sql`select distinct split_part(e, '.', 2) as k from (
          select token_ciphertext as e from access_links
          union all select kisi_secret_ciphertext from access_links
          union all select api_key_ciphertext from kisi_credentials
          union all select token_ciphertext from email_outbox) s
        where e is not null order by 1`,
  );
  return rows.map((r) => r.k);
}

describe("re-encryption after a key rotation", () => {
  it("reports an envelope no configured key opens, by id, and leaves it alone", async () => {
    const { link } = await fx.issue({ guestName: "Lost Guest" });
    const lost = sealFor(secretContext.accessToken(link.id), "t".repeat(43), {
      currentKey: randomBytes(32),
      previousKeys: [],
    });
    await fx.db
      .update(accessLinks)
      .set({ tokenCiphertext: lost })
      .where(eq(accessLinks.id, link.id));
    const report = await reencryptAll(
      fx.db,
      { currentKey: randomBytes(32), previousKeys: [fx.config.encryption.currentKey] },
      { dryRun: true },
    );
    expect(report.unreadable).toContainEqual({
      table: "access_links",
      column: "token_ciphertext",
      id: link.id,
    });
    expect(JSON.stringify(report)).not.toContain("t".repeat(43));
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(row!.tokenCiphertext).toBe(lost);
    await fx.db
      .update(accessLinks)
      .set({ tokenCiphertext: link.tokenCiphertext })
      .where(eq(accessLinks.id, link.id));
  });

  it("seals every secret with the new key, so the old one can be dropped", async () => {
    const { link, token } = await fx.issue({ guestName: "Rotated Guest" });
    const oldKey = fx.config.encryption.currentKey;
    const newKey = randomBytes(32);
    const rotating = { currentKey: newKey, previousKeys: [oldKey] };
    const after = { currentKey: newKey, previousKeys: [] };
    expect(await keyIdsInUse()).toEqual([keyId(oldKey)]);

    const check = await reencryptAll(fx.db, rotating, { dryRun: true });
    expect(check.reencrypted["access_links.token_ciphertext"]).toBeGreaterThan(0);
    expect(check.reencrypted["access_links.kisi_secret_ciphertext"]).toBeGreaterThan(0);
    expect(check.reencrypted["kisi_credentials.api_key_ciphertext"]).toBeGreaterThan(0);
    expect(check.unreadable).toEqual([]);
    expect(await keyIdsInUse()).toEqual([keyId(oldKey)]);

    const done = await reencryptAll(fx.db, rotating);
    expect(done).toEqual(check);
    expect(await keyIdsInUse()).toEqual([keyId(newKey)]);

    // The old key is gone: the link, its Kisi secret and the studio's API key still open.
    const detail = await linkDetail(
      { db: fx.db, keyring: after, appOrigin: fx.config.appOrigin },
      DEMO_IDS.studio,
      link.id,
      { kind: "user" },
    );
    expect(detail.url?.endsWith(`/access/${token}`)).toBe(true);
    const [row] = await fx.db.select().from(accessLinks).where(eq(accessLinks.id, link.id));
    expect(openFor(secretContext.kisiLinkSecret(link.id), row!.kisiSecretCiphertext!, after)).toBe(
      openFor(
        secretContext.kisiLinkSecret(link.id),
        link.kisiSecretCiphertext!,
        fx.config.encryption,
      ),
    );

    const again = await reencryptAll(fx.db, after);
    expect(Object.values(again.reencrypted).every((n) => n === 0)).toBe(true);
  });
});

describe("npm run keys:rotate", { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-rotate-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const credentialId = "0d6e0c1a-7a55-4c1e-9a42-3f1f0c9b2e71";
  const apiKey = "kisi-api-key-rotated-by-the-command";

  /** The command as an operator runs it, on the embedded database in `dataDir`. */
  function rotate(keys: { current: Buffer; previous: Buffer[] }, ...args: string[]) {
    return spawnSync(
      process.execPath,
      [
        "node_modules/tsx/dist/cli.mjs",
        "--conditions=react-server",
        "lib/cli/rotate-keys.ts",
        ...args,
      ],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          NODE_ENV: "production",
          LATCHKEY_DEMO: "1",
          LATCHKEY_DATA_DIR: dataDir,
          LATCHKEY_ENCRYPTION_KEY: keys.current.toString("base64"),
          LATCHKEY_ENCRYPTION_KEYS_PREVIOUS: keys.previous
            .map((k) => k.toString("base64"))
            .join(","),
        },
        encoding: "utf8",
        timeout: 110_000,
      },
    );
  }

  /** Opens the data folder between runs (PGlite is single-process: the command has exited). */
  async function withDatabase<T>(work: (db: DbHandle["db"]) => Promise<T>): Promise<T> {
    const handle = connectDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    try {
      await runMigrations(handle);
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }
  const storedEnvelope = () =>
    withDatabase(async (db) => {
      const [row] = await db
        .select({ envelope: kisiCredentials.apiKeyCiphertext })
        .from(kisiCredentials)
        .where(eq(kisiCredentials.id, credentialId));
      return row!.envelope;
    });

  beforeAll(async () => {
    await withDatabase(async (db) => {
      await db.insert(organizations).values({ id: DEMO_IDS.organization, name: "Rotation Org" });
      await db.insert(kisiCredentials).values({
        id: credentialId,
        organizationId: DEMO_IDS.organization,
        label: "rotation",
        apiKeyCiphertext: sealFor(secretContext.kisiApiKey(credentialId), apiKey, {
          currentKey: oldKey,
          previousKeys: [],
        }),
        apiKeyLast4: apiKey.slice(-4),
        apiKeyFingerprint: "rotation",
      });
    });
  }, 120_000);

  it("--check reports what would change and changes nothing", async () => {
    const before = await storedEnvelope();
    const result = rotate({ current: newKey, previous: [oldKey] }, "--check");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("kisi_credentials.api_key_ciphertext: 1 would be re-encrypted");
    expect(result.stdout).toContain("Every stored secret opens with the configured keys.");
    expect(result.status).toBe(0);
    expect(await storedEnvelope()).toBe(before);
  });

  it("a secret no configured key opens is listed by id (exit 2), never printed, and kept", async () => {
    const before = await storedEnvelope();
    const result = rotate({ current: newKey, previous: [] });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(`kisi_credentials.api_key_ciphertext ${credentialId}`);
    expect(result.stdout + result.stderr).not.toContain(apiKey);
    expect(await storedEnvelope()).toBe(before);
  });

  it("re-encrypts with the current key, after which the old key can be dropped", async () => {
    const result = rotate({ current: newKey, previous: [oldKey] });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("kisi_credentials.api_key_ciphertext: 1 re-encrypted");
    expect(result.stdout).toContain("previous keys can be dropped");
    expect(result.status).toBe(0);
    const envelope = await storedEnvelope();
    expect(envelope.split(".")[1]).toBe(keyId(newKey));
    const onlyNew = { currentKey: newKey, previousKeys: [] };
    expect(openFor(secretContext.kisiApiKey(credentialId), envelope, onlyNew)).toBe(apiKey);

    const check = rotate({ current: newKey, previous: [] }, "--check");
    expect(check.stdout).toContain("kisi_credentials.api_key_ciphertext: 0 would be re-encrypted");
    expect(check.status).toBe(0);
  });
});
