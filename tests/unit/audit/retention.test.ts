import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AUDIT_CSV_COLUMNS, auditCsv } from "@/lib/audit/export-csv";
import { csvField } from "@/lib/exports/csv-field";
import {
  getAuditRetention,
  pruneAuditByRetention,
  setAuditRetention,
  startAuditRetention,
} from "@/lib/audit/retention";
import { auditRetentionBodySchema } from "@/lib/audit/schemas";
import { queryRows } from "@/lib/db/connect";
import { DEMO_IDS } from "@/lib/demo/constants";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

let fx: AccessFixture;
const NOW = new Date("2031-06-15T12:00:00Z");

beforeAll(async () => {
  fx = await setupAccessFixture();
});
afterAll(() => fx.close());

/** `count` audit rows of a studio, `monthsAgo` before NOW (and i seconds apart). */
async function seed(studioId: string, monthsAgo: number, count: number) {
  await fx.db.execute(sql`
    insert into unlock_audit (studio_id, outcome, allowed, created_at)
    select ${studioId}, 'unlocked', true,
      ${NOW.toISOString()}::timestamptz - make_interval(months => ${monthsAgo}) - i * interval '1 second'
    from generate_series(1, ${count}) i`);
}

async function counts() {
  const rows = await queryRows<{ studio_id: string; n: number }>(
    fx.db,
    sql`select studio_id, count(*)::int as n from unlock_audit group by studio_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.studio_id, r.n]));
}

beforeEach(async () => {
  await fx.db.execute(sql`delete from unlock_audit`);
  await setAuditRetention(fx.db, DEMO_IDS.organization, null);
  await setAuditRetention(fx.db, DEMO_IDS.otherOrganization, null);
});

describe("audit retention", () => {
  it("keeps everything by default", async () => {
    expect(await getAuditRetention(fx.db, DEMO_IDS.organization)).toBeNull();
    await seed(DEMO_IDS.studio, 40, 5);
    expect(await pruneAuditByRetention(fx.db, { now: NOW })).toEqual({ deleted: 0, studios: 0 });
    expect(await counts()).toEqual({ [DEMO_IDS.studio]: 5 });
  });

  it("deletes what is older than the organization's months, in every studio of it, and nothing else", async () => {
    await seed(DEMO_IDS.studio, 14, 7);
    await seed(DEMO_IDS.studio, 12, 4);
    await seed(DEMO_IDS.geofencedStudio, 14, 3);
    await seed(DEMO_IDS.otherStudio, 14, 6); // another organization, which keeps everything
    await setAuditRetention(fx.db, DEMO_IDS.organization, 13);
    const result = await pruneAuditByRetention(fx.db, { now: NOW, batchSize: 2 });
    expect(result.deleted).toBe(10);
    expect(await counts()).toEqual({ [DEMO_IDS.studio]: 4, [DEMO_IDS.otherStudio]: 6 });
  });

  it("attempts with unknown tokens, which belong to no organization, go after a few months", async () => {
    await fx.db.execute(sql`
      insert into unlock_audit (studio_id, outcome, allowed, created_at) values
        (null, 'not_found', false, ${NOW.toISOString()}::timestamptz - interval '4 months'),
        (null, 'not_found', false, ${NOW.toISOString()}::timestamptz - interval '1 month')`);
    await seed(DEMO_IDS.studio, 40, 2); // the studio's own rows: its organization keeps them
    expect((await pruneAuditByRetention(fx.db, { now: NOW })).deleted).toBe(1);
    expect(await counts()).toEqual({ null: 1, [DEMO_IDS.studio]: 2 });
  });

  it("works in bounded batches: a backlog is finished over several runs", async () => {
    await seed(DEMO_IDS.studio, 24, 10);
    await setAuditRetention(fx.db, DEMO_IDS.organization, 12);
    const first = await pruneAuditByRetention(fx.db, { now: NOW, batchSize: 3, maxBatches: 2 });
    expect(first.deleted).toBe(6);
    const second = await pruneAuditByRetention(fx.db, { now: NOW, batchSize: 3, maxBatches: 2 });
    expect(second.deleted).toBe(4);
    expect(await counts()).toEqual({});
  });

  it("two instances pruning at once delete each row once", async () => {
    await seed(DEMO_IDS.studio, 24, 50);
    await setAuditRetention(fx.db, DEMO_IDS.organization, 12);
    const runs = await Promise.all([
      pruneAuditByRetention(fx.db, { now: NOW, batchSize: 7 }),
      pruneAuditByRetention(fx.db, { now: NOW, batchSize: 7 }),
    ]);
    expect(runs[0].deleted + runs[1].deleted).toBe(50);
    expect(await counts()).toEqual({});
  });

  it("the background job prunes when it starts and again on each interval", async () => {
    // The job prunes against the real clock; only its interval timer is faked.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      await setAuditRetention(fx.db, DEMO_IDS.organization, 12);
      const oldRows = (n: number) =>
        fx.db.execute(sql`
          insert into unlock_audit (studio_id, outcome, allowed, created_at)
          select ${DEMO_IDS.studio}, 'unlocked', true, now() - interval '13 months' - i * interval '1 second'
          from generate_series(1, ${n}) i`);
      await oldRows(3);
      await seed(DEMO_IDS.studio, -1, 2); // NOW is in the future: kept by any retention
      let stop = startAuditRetention(fx.db, { intervalMs: 60_000, analyze: true });
      await stop();
      expect(await counts()).toEqual({ [DEMO_IDS.studio]: 2 });

      // Running: once its first pass is done, rows that age past the retention wait for the tick.
      await oldRows(4);
      stop = startAuditRetention(fx.db, { intervalMs: 60_000 });
      await vi.waitFor(async () => expect(await counts()).toEqual({ [DEMO_IDS.studio]: 2 }));
      await oldRows(5);
      expect(await counts()).toEqual({ [DEMO_IDS.studio]: 7 });
      vi.advanceTimersByTime(60_000);
      await stop();
      expect(await counts()).toEqual({ [DEMO_IDS.studio]: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("accepts only the offered months, or null", () => {
    expect(auditRetentionBodySchema.safeParse({ months: 13 }).success).toBe(true);
    expect(auditRetentionBodySchema.safeParse({ months: null }).success).toBe(true);
    for (const months of [0, 7, -1, 1.5, "13", 1_000])
      expect(auditRetentionBodySchema.safeParse({ months }).success).toBe(false);
  });
});

describe("the audit CSV export", () => {
  it("has every row once, across pages, newest first, with guest names defused", async () => {
    const { link } = await fx.issue({ guestName: '=HYPERLINK("http://evil","x")' });
    await fx.db.execute(sql`
      insert into unlock_audit (link_id, studio_id, kisi_lock_id, outcome, allowed, created_at)
      select ${link.id}, ${DEMO_IDS.studio}, 5001, case when i % 2 = 0 then 'unlocked' else 'too_far' end,
        i % 2 = 0, ${NOW.toISOString()}::timestamptz - i * interval '1 millisecond'
      from generate_series(1, 2500) i`);
    await seed(DEMO_IDS.otherStudio, 1, 3);
    let csv = "";
    for await (const chunk of auditCsv(fx.db, DEMO_IDS.studio)) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(2501);
    const times = lines.slice(1).map((l) => l.split(",")[0]!);
    expect(new Set(times).size).toBe(2500);
    expect(times).toEqual([...times].sort().reverse());
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField(-2)).toBe("-2");
    expect(csvField(null)).toBe("");
  });
});
