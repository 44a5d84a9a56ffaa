import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBatch, getStudioBatchOrThrow, retryFailedRows } from "@/lib/bulk/batches";
import { bulkIdempotencyKey, runBatch, runDueBatches, type BulkDeps } from "@/lib/bulk/runner";
import type { BulkRow } from "@/lib/bulk/validate-csv";
import { accessLinks, emailOutbox, kisiCredentials } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { KisiClient } from "@/lib/kisi/client";
import { issueLink } from "@/lib/links/issue-link";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
let deps: BulkDeps;
beforeAll(async () => {
  fx = await setupAccessFixture();
  deps = {
    db: fx.db,
    kisi: fx.deps.kisi,
    keyring: fx.config.encryption,
    appOrigin: fx.config.appOrigin,
  };
});
afterAll(() => fx.close());
beforeEach(async () => {
  fx.emulator.reset();
  fx.emulator.faults.clear();
  await fx.db.update(kisiCredentials).set({ status: "valid" });
});

function rows(n: number, prefix: string, email?: (i: number) => string | null): BulkRow[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    name: `${prefix} ${i + 1}`,
    email: email?.(i) ?? null,
    locale: "en" as const,
    validFrom: new Date(now - 60_000),
    validUntil: new Date(now + 3_600_000),
    externalRef: null,
  }));
}

const creates = () =>
  fx.emulator.requests.filter((r) => r.method === "POST" && r.path === "/group_links");

async function linksOf(batchId: string) {
  return fx.db
    .select()
    .from(accessLinks)
    .where(like(accessLinks.idempotencyKey, `bulk:${batchId}:%`));
}

describe("the bulk runner", () => {
  it(
    "issues a 200-row batch with exactly 200 Kisi creates, one link per row",
    { timeout: 60_000 },
    async () => {
      const batch = await createBatch(fx.db, {
        studioId: DEMO_IDS.studio,
        rows: rows(200, "Bulk"),
      });
      expect(await runBatch(deps, batch.id)).toBe(true);

      expect(creates()).toHaveLength(200);
      const links = await linksOf(batch.id);
      expect(links).toHaveLength(200);
      expect(links.every((l) => l.status === "issued")).toBe(true);
      const { batch: stored, rows: stored_rows } = await getStudioBatchOrThrow(
        fx.db,
        DEMO_IDS.studio,
        batch.id,
      );
      expect(stored.status).toBe("done");
      expect(stored_rows.every((r) => r.status === "issued" && r.linkId)).toBe(true);
      expect(new Set(stored_rows.map((r) => r.linkId)).size).toBe(200);
    },
  );

  it("a restart mid-batch (even between Kisi's answer and the row's update) still makes one link per row", async () => {
    const batch = await createBatch(fx.db, { studioId: DEMO_IDS.studio, rows: rows(30, "Crash") });
    // The first process "dies" after ten Kisi creates: it stops between rows, lease still held.
    const stop = new AbortController();
    const dying = Object.create(fx.deps.kisi) as KisiClient;
    dying.createGroupLink = async (...args) => {
      const created = await fx.deps.kisi.createGroupLink(...args);
      if (creates().length >= 10) stop.abort();
      return created;
    };
    await runBatch({ ...deps, kisi: dying }, batch.id, stop.signal);
    // ... and it had already issued row 12's link without recording it on the row.
    const { rows: before } = await getStudioBatchOrThrow(fx.db, DEMO_IDS.studio, batch.id);
    const next = before.find((r) => r.status === "pending")!;
    await issueLink(deps, {
      studioId: DEMO_IDS.studio,
      guestName: next.guestName,
      guestEmail: null,
      locale: "en",
      validFrom: next.validFrom,
      validUntil: next.validUntil,
      sendEmail: false,
      idempotencyKey: bulkIdempotencyKey(batch.id, next.row),
    });
    expect(creates()).toHaveLength(11);

    // Another instance cannot take the batch while the lease runs...
    expect(await runDueBatches(deps)).toBe(0);
    // ... and resumes it once the lease has run out.
    const later = { ...deps, now: () => new Date(Date.now() + 60_000) };
    expect(await runDueBatches(later)).toBe(1);

    expect(creates()).toHaveLength(30);
    const links = await linksOf(batch.id);
    expect(links).toHaveLength(30);
    const { batch: done, rows: after } = await getStudioBatchOrThrow(
      fx.db,
      DEMO_IDS.studio,
      batch.id,
    );
    expect(done.status).toBe("done");
    expect(after.find((r) => r.row === next.row)?.linkId).toBe(
      links.find((l) => l.idempotencyKey === bulkIdempotencyKey(batch.id, next.row))?.id,
    );
  });

  it("a row Kisi refuses fails with a reason; retrying the failed rows issues it once", async () => {
    const batch = await createBatch(fx.db, {
      studioId: DEMO_IDS.studio,
      rows: rows(4, "Refused", (i) => (i === 0 ? "guest@example.com" : null)),
    });
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 422, body: { errors: { name: ["is invalid"] } } },
    });
    await runBatch(deps, batch.id);
    const { batch: first, rows: firstRows } = await getStudioBatchOrThrow(
      fx.db,
      DEMO_IDS.studio,
      batch.id,
    );
    expect(first.status).toBe("done");
    expect(firstRows.map((r) => [r.row, r.status, r.errorCode])).toEqual([
      [2, "failed", "kisi_unavailable"],
      [3, "issued", null],
      [4, "issued", null],
      [5, "issued", null],
    ]);

    expect(await retryFailedRows(fx.db, batch.id)).toBe(1);
    await runDueBatches(deps);
    const { rows: retried } = await getStudioBatchOrThrow(fx.db, DEMO_IDS.studio, batch.id);
    expect(retried.every((r) => r.status === "issued")).toBe(true);
    expect(await linksOf(batch.id)).toHaveLength(4);
    expect(creates().filter((r) => r.status === 200)).toHaveLength(4);
    // The row with an address is emailed through the outbox, once.
    const emailed = retried.find((r) => r.row === 2)!;
    expect(
      await fx.db.select().from(emailOutbox).where(eq(emailOutbox.linkId, emailed.linkId!)),
    ).toHaveLength(1);
  });

  it(
    "stays within Kisi's 5 requests/s with the production pacing",
    { timeout: 30_000 },
    async () => {
      const paced = new KisiClient({ baseUrl: fx.emulator.url }); // 4/s per key, as in production
      const batch = await createBatch(fx.db, {
        studioId: DEMO_IDS.studio,
        rows: rows(12, "Paced"),
      });
      await runBatch({ ...deps, kisi: paced }, batch.id);

      const times = creates().map((r) => Date.parse(r.at));
      expect(times).toHaveLength(12);
      // Count what the emulator received in every one-second window starting at a request.
      const busiest = Math.max(
        ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length),
      );
      expect(busiest).toBeLessThanOrEqual(5);
      expect(fx.emulator.requests.filter((r) => r.status === 429)).toEqual([]);
    },
  );

  it("opens the studio's Kisi key once per batch, not once per row", async () => {
    // Every decrypt looks the envelope's key up among the previous keys: count those reads.
    let opened = 0;
    const keyring = {
      currentKey: deps.keyring.currentKey,
      get previousKeys() {
        opened++;
        return deps.keyring.previousKeys;
      },
    };
    const batch = await createBatch(fx.db, { studioId: DEMO_IDS.studio, rows: rows(6, "Once") });
    await runBatch({ ...deps, keyring }, batch.id);
    expect(creates()).toHaveLength(6);
    expect((await linksOf(batch.id)).every((l) => l.status === "issued")).toBe(true);
    expect(opened).toBe(1);
  });

  it("after Kisi refuses the key, the rest of the batch fails fast without calling Kisi again", async () => {
    const batch = await createBatch(fx.db, { studioId: DEMO_IDS.studio, rows: rows(3, "Key") });
    fx.emulator.faults.add({
      method: "POST",
      path: "/group_links",
      times: 1,
      action: { kind: "status", status: 401, body: { error: "unauthorized" } },
    });
    await runBatch(deps, batch.id);
    const { rows: stored } = await getStudioBatchOrThrow(fx.db, DEMO_IDS.studio, batch.id);
    expect(stored.map((r) => [r.row, r.status, r.errorCode])).toEqual([
      [2, "failed", "kisi_key_invalid"],
      [3, "failed", "kisi_key_invalid"],
      [4, "failed", "kisi_key_invalid"],
    ]);
    expect(creates()).toHaveLength(1);
  });

  it("another studio's batch is not found", async () => {
    const batch = await createBatch(fx.db, { studioId: DEMO_IDS.studio, rows: rows(1, "Mine") });
    await expect(
      getStudioBatchOrThrow(fx.db, DEMO_IDS.otherStudio, batch.id),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
