import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROWTH_IDS, seedGrowth } from "@/bench/lib/growth-seed";
import { auditQuerySchema, listUnlockAudit } from "@/lib/audit/unlock-audit";
import { parseConfig } from "@/lib/config/parse-config";
import { connectDatabase, queryRows, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { COUNT_CAP, listLinks } from "@/lib/links/list-links";
import { linkDetail } from "@/lib/links/link-detail";
import { sealFor, secretContext } from "@/lib/links/secrets";
import { listOutboxEmails } from "@/lib/outbox/list-emails";
import { listOutboxQuerySchema } from "@/lib/outbox/schemas";
import { encodeCursor } from "@/lib/pagination/cursor";
import { listLinksQuerySchema } from "@/lib/schemas/links";
import {
  postgresAvailable,
  startPostgres,
  type PostgresServer,
} from "../../support/postgres-server";

/**
 * The growth bench's data at a size where a sequential scan and an index disagree by orders of
 * magnitude: each list's real statements (captured from drizzle, with their parameters) are
 * EXPLAIN ANALYZEd, and none may read the audit, the links or the outbox table sequentially.
 * One exception, measured rather than assumed: a sequential scan that stopped under a LIMIT
 * after at most COUNT_CAP + 1 rows (the capped count of a studio that is the whole table: the
 * planner rightly takes the first 1,001 rows it finds). One that reads further fails. Plans and
 * rows read, not timings: a missing or unusable index fails here on any machine.
 */
const SIZE = { links: 20_000, audit: 60_000 };
const WATCHED = ["unlock_audit", "access_links"];
const config = parseConfig({ LATCHKEY_DEMO: "1" });

type Captured = { query: string; params: unknown[] };
type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
};

/** Sequential scans of a watched table that read more than a capped count's rows. */
function seqScans(node: PlanNode, watched = WATCHED, underLimit = false): string[] {
  const read =
    (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1) +
    (node["Rows Removed by Filter"] ?? 0);
  const own =
    node["Node Type"] === "Seq Scan" &&
    watched.includes(node["Relation Name"] ?? "") &&
    !(underLimit && read <= COUNT_CAP + 1)
      ? [`${node["Relation Name"]!} (${read} rows read)`]
      : [];
  const limited = underLimit || node["Node Type"] === "Limit";
  return [...own, ...(node.Plans ?? []).flatMap((child) => seqScans(child, watched, limited))];
}

/** The statement again, with drizzle's `$n` placeholders bound to the same values. */
function rebind({ query, params }: Captured): SQL {
  const parts = query.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) =>
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`),
  );
  return sql.join(chunks, sql.raw(""));
}

function planSuite(
  open: () => Promise<{ handle: DbHandle; captured: Captured[]; stop?: () => void }>,
) {
  let handle: DbHandle;
  let captured: Captured[];
  let stop: (() => void) | undefined;

  beforeAll(async () => {
    ({ handle, captured, stop } = await open());
    await runMigrations(handle);
    await seedGrowth(handle.db, SIZE);
    await handle.db.execute(
      sql`update access_links set token_ciphertext = ${sealFor(
        secretContext.accessToken(GROWTH_IDS.busyLink),
        "x".repeat(43),
        config.encryption,
      )} where id = ${GROWTH_IDS.busyLink}`,
    );
  }, 240_000);
  afterAll(async () => {
    await handle?.close();
    stop?.();
  });

  /** Runs `work`, then EXPLAINs every SELECT it sent. */
  async function plansOf(work: () => Promise<unknown>, watched = WATCHED) {
    captured.length = 0;
    await work();
    const selects = captured.filter((c) => /^\s*(select|with)\b/i.test(c.query));
    expect(selects.length).toBeGreaterThan(0);
    const scans: string[] = [];
    for (const statement of selects) {
      const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
        handle.db,
        sql`explain (analyze, format json) ${rebind(statement)}`,
      );
      const plan = row?.["QUERY PLAN"];
      const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as [{ Plan: PlanNode }];
      scans.push(...seqScans(parsed[0].Plan, watched).map((t) => `${t} in: ${statement.query}`));
    }
    return scans;
  }

  const studio = GROWTH_IDS.studio;

  it("the activity, first page and 300 days back, reads the index", async () => {
    expect(
      await plansOf(() =>
        listUnlockAudit(handle.db, { studioId: studio }, auditQuerySchema.parse({})),
      ),
    ).toEqual([]);
    const [old] = await queryRows<{ at: string; id: string }>(
      handle.db,
      sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id
          from unlock_audit where studio_id = ${studio} and created_at < now() - interval '300 days'
          order by created_at desc, id desc limit 1`,
    );
    const cursor = encodeCursor(old!);
    expect(
      await plansOf(() =>
        listUnlockAudit(handle.db, { studioId: studio }, auditQuerySchema.parse({ cursor })),
      ),
    ).toEqual([]);
    expect(
      await plansOf(() =>
        listUnlockAudit(
          handle.db,
          { studioId: studio },
          auditQuerySchema.parse({ outcome: "denied" }),
        ),
      ),
    ).toEqual([]);
  });

  it("a busy link's audit and its detail read the index", async () => {
    expect(
      await plansOf(() =>
        listUnlockAudit(
          handle.db,
          { studioId: studio, linkId: GROWTH_IDS.busyLink },
          auditQuerySchema.parse({}),
        ),
      ),
    ).toEqual([]);
    expect(
      await plansOf(() =>
        linkDetail(
          { db: handle.db, keyring: config.encryption, appOrigin: config.appOrigin },
          studio,
          GROWTH_IDS.busyLink,
          { kind: "user" },
        ),
      ),
    ).toEqual([]);
  });

  it("the links list — first page, active, search, its count and last unlocks — reads indexes", async () => {
    for (const query of [
      {},
      { state: "active" },
      { state: "revoked" },
      { state: "pending" },
      { q: "smith" },
      { q: "smith", page: "3" },
    ])
      expect(
        await plansOf(() => listLinks(handle.db, studio, listLinksQuerySchema.parse(query))),
        JSON.stringify(query),
      ).toEqual([]);
  });

  it("the outbox reads its index", async () => {
    expect(
      await plansOf(
        () => listOutboxEmails(handle.db, studio, listOutboxQuerySchema.parse({})),
        [...WATCHED, "email_outbox"],
      ),
    ).toEqual([]);
  });

  it("would notice a sequential scan (the check itself can fail)", async () => {
    captured.length = 0;
    await handle.db.execute(
      sql`select count(*) from (select 1 from unlock_audit where kisi_code is null limit 5000) s`,
    );
    const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
      handle.db,
      sql`explain (analyze, format json) ${rebind(captured[0]!)}`,
    );
    const plan = row?.["QUERY PLAN"];
    const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as [{ Plan: PlanNode }];
    expect(seqScans(parsed[0].Plan).join()).toContain("unlock_audit");
  });
}

function capturing() {
  const captured: Captured[] = [];
  return {
    captured,
    logger: { logQuery: (query: string, params: unknown[]) => captured.push({ query, params }) },
  };
}

describe("query plans on PGlite", { timeout: 60_000 }, () => {
  planSuite(async () => {
    const { captured, logger } = capturing();
    return { handle: connectDatabase({ kind: "memory" }, { logger }), captured };
  });
});

describe.skipIf(!postgresAvailable())(
  "query plans on a PostgreSQL server — skipped: apt-get install postgresql",
  { timeout: 60_000 },
  () => {
    planSuite(async () => {
      const server: PostgresServer = await startPostgres();
      const { captured, logger } = capturing();
      return {
        handle: connectDatabase({ kind: "postgres", url: server.url }, { logger }),
        captured,
        stop: () => server.stop(),
      };
    });
  },
);
