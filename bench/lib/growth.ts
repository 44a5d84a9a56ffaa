import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { auditQuerySchema, listUnlockAudit } from "@/lib/audit/unlock-audit";
import { connectDatabase, queryRows, type DbHandle } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { listLinks } from "@/lib/links/list-links";
import { linkDetail } from "@/lib/links/link-detail";
import { sealFor, secretContext } from "@/lib/links/secrets";
import { listOutboxEmails } from "@/lib/outbox/list-emails";
import { listOutboxQuerySchema } from "@/lib/outbox/schemas";
import { encodeCursor } from "@/lib/pagination/cursor";
import { listLinksQuerySchema } from "@/lib/schemas/links";
import { findPostgresBin, startPostgres } from "../../tests/support/postgres-server";
import { GROWTH_IDS, seedGrowth, type GrowthSize } from "./growth-seed";
import { spliceTables } from "./report";
import { ratio, round, summarize } from "./stats";

/**
 * The data-growth part of `npm run bench` (docs/benchmarks.md, "Data growth"): a throwaway
 * database per engine and size, seeded by SQL (bench/lib/growth-seed.ts), then each dashboard
 * read the issue of a year's traffic named, called in-process through the same lib functions the
 * route handlers call, sequentially: p50/p99 per size, and how the p50 grows from the smallest
 * size to the largest. On PGlite always; on PostgreSQL when Debian's server binaries are there.
 */
export type GrowthPlan = {
  sizes: (GrowthSize & { label: string })[];
  samples: number;
  warmup: number;
};

export const FULL_GROWTH: GrowthPlan = {
  sizes: [
    { label: "1k links / 10k audit", links: 1_000, audit: 10_000 },
    { label: "10k / 100k", links: 10_000, audit: 100_000 },
    { label: "100k / 1M", links: 100_000, audit: 1_000_000 },
  ],
  samples: 60,
  warmup: 5,
};

export const QUICK_GROWTH: GrowthPlan = {
  sizes: [
    { label: "200 links / 2k audit", links: 200, audit: 2_000 },
    { label: "400 / 4k", links: 400, audit: 4_000 },
  ],
  samples: 5,
  warmup: 1,
};

export const GROWTH_OPERATIONS = [
  ["activityFirst", "activity, first page"],
  ["activityCursor", "activity, a cursor 300 days back"],
  ["linkAudit", "link audit (the busiest link: a tenth of all attempts)"],
  ["linkDetail", "link detail (same link)"],
  ["linksSearch", "links, search `q=smith`"],
  ["linksFirst", "links, first page"],
  ["linksActive", "links, `state=active`"],
  ["outboxFirst", "emails (outbox), first page"],
] as const;
type Operation = (typeof GROWTH_OPERATIONS)[number][0];

const latency = z.object({ n: z.number(), p50: z.number(), p99: z.number(), mean: z.number() });
export const growthResultsSchema = z.object({
  meta: z.object({
    date: z.iso.datetime(),
    mode: z.enum(["full", "quick"]),
    durationSeconds: z.number().nonnegative(),
    machine: z.object({
      cpus: z.number().int().positive(),
      cpuModel: z.string(),
      loadAverageStart: z.array(z.number()).length(3),
      loadAverageEnd: z.array(z.number()).length(3),
    }),
    samples: z.number().int().positive(),
    engines: z.array(z.string()),
    skipped: z.array(z.string()),
  }),
  runs: z.array(
    z.object({
      engine: z.enum(["pglite", "postgres"]),
      size: z.object({ label: z.string(), links: z.number(), audit: z.number() }),
      seedSeconds: z.number().nonnegative(),
      diskMiB: z.number().nonnegative(),
      loadAverage: z.array(z.number()).length(3),
      operations: z.record(z.string(), latency),
    }),
  ),
});
export type GrowthResults = z.infer<typeof growthResultsSchema>;

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(full) : statSync(full).size);
  }, 0);
}

type Engine = {
  name: "pglite" | "postgres";
  open: () => Promise<{
    handle: DbHandle;
    diskBytes: () => Promise<number>;
    close: () => Promise<void>;
  }>;
};

const pgliteEngine: Engine = {
  name: "pglite",
  open: async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-growth-"));
    const handle = connectDatabase({ kind: "pglite", dataDir: dir });
    return {
      handle,
      diskBytes: async () => {
        await handle.db.execute(sql`checkpoint`);
        return folderBytes(dir);
      },
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresEngine: Engine = {
  name: "postgres",
  open: async () => {
    const server = await startPostgres();
    const handle = connectDatabase({ kind: "postgres", url: server.url });
    return {
      handle,
      diskBytes: async () => {
        await handle.db.execute(sql`checkpoint`);
        const [row] = await queryRows<{ bytes: string }>(
          handle.db,
          sql`select pg_database_size(current_database())::text as bytes`,
        );
        return Number(row?.bytes ?? 0);
      },
      close: async () => {
        await handle.close();
        server.stop();
      },
    };
  },
};

type Prepared = {
  size: GrowthPlan["sizes"][number];
  seedSeconds: number;
  diskMiB: number;
  work: Record<Operation, () => Promise<unknown>>;
  close: () => Promise<void>;
};

/** A database of one size, migrated, seeded and analysed, with each operation ready to call. */
async function prepareSize(
  engine: Engine,
  size: GrowthPlan["sizes"][number],
  log: (message: string) => void,
): Promise<Prepared> {
  const opened = await engine.open();
  const { db } = opened.handle;
  try {
    await runMigrations(opened.handle);
    log(`growth: ${engine.name}, ${size.label}: seeding`);
    const seedStarted = performance.now();
    await seedGrowth(db, size);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    // The busy link's token is a real envelope, so its detail (which opens it) succeeds.
    const keyring = { currentKey: randomBytes(32), previousKeys: [] };
    const busy = GROWTH_IDS.busyLink;
    const sealed = sealFor(secretContext.accessToken(busy), "t".repeat(43), keyring);
    await db.execute(sql`update access_links set token_ciphertext = ${sealed} where id = ${busy}`);
    const diskMiB = round((await opened.diskBytes()) / 2 ** 20, 1);

    const studioId = GROWTH_IDS.studio;
    const [old] = await queryRows<{ at: string; id: string }>(
      db,
      sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id
          from unlock_audit where studio_id = ${studioId}
            and created_at < now() - interval '300 days'
          order by created_at desc, id desc limit 1`,
    );
    const cursor = old ? encodeCursor(old) : undefined;
    const deps = { db, keyring, appOrigin: "https://latchkey.example" };
    const work: Record<Operation, () => Promise<unknown>> = {
      activityFirst: () => listUnlockAudit(db, { studioId }, auditQuerySchema.parse({})),
      activityCursor: () =>
        listUnlockAudit(db, { studioId }, auditQuerySchema.parse(cursor ? { cursor } : {})),
      linkAudit: () => listUnlockAudit(db, { studioId, linkId: busy }, auditQuerySchema.parse({})),
      linkDetail: () => linkDetail(deps, studioId, busy, { kind: "user" }),
      linksSearch: () =>
        listLinks(db, studioId, listLinksQuerySchema.parse({ q: "smith" }), { keyring }),
      linksFirst: () => listLinks(db, studioId, listLinksQuerySchema.parse({}), { keyring }),
      linksActive: () =>
        listLinks(db, studioId, listLinksQuerySchema.parse({ state: "active" }), { keyring }),
      outboxFirst: () => listOutboxEmails(db, studioId, listOutboxQuerySchema.parse({})),
    };
    return { size, seedSeconds, diskMiB, work, close: opened.close };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/**
 * Every size of one engine, measured interleaved: all its databases are seeded first, then each
 * sample of an operation is taken on every size in turn (smallest first, then the next size, …).
 * On a shared machine the neighbours' load comes and goes over minutes; measured one size after
 * the other, the largest size's figures carried whatever load came last, and the growth column
 * compared loads rather than sizes. Interleaved, a load spike lands on every size alike.
 */
async function measureEngine(engine: Engine, plan: GrowthPlan, log: (message: string) => void) {
  const prepared: Prepared[] = [];
  try {
    for (const size of plan.sizes) prepared.push(await prepareSize(engine, size, log));
    const times = prepared.map(() => ({}) as Record<string, number[]>);
    for (const [key] of GROWTH_OPERATIONS) {
      log(`growth: ${engine.name}, every size interleaved: ${key}`);
      for (let i = 0; i < plan.warmup; i++) for (const p of prepared) await p.work[key]();
      for (let i = 0; i < plan.samples; i++)
        for (const [n, p] of prepared.entries()) {
          const started = performance.now();
          await p.work[key]();
          (times[n]![key] ??= []).push(performance.now() - started);
        }
    }
    const loadAverage = os.loadavg().map((v) => round(v));
    return prepared.map((p, n) => ({
      engine: engine.name,
      size: { label: p.size.label, links: p.size.links, audit: p.size.audit },
      seedSeconds: p.seedSeconds,
      diskMiB: p.diskMiB,
      loadAverage,
      operations: Object.fromEntries(
        Object.entries(times[n]!).map(([key, t]) => [key, summarize(t)]),
      ),
    }));
  } finally {
    for (const p of prepared) await p.close();
  }
}

export async function runGrowthBench(
  plan: GrowthPlan,
  options: { mode: "full" | "quick"; log: (message: string) => void; postgres?: boolean },
): Promise<GrowthResults> {
  const began = performance.now();
  const loadStart = os.loadavg().map((v) => round(v));
  const engines: Engine[] = [pgliteEngine];
  const skipped: string[] = [];
  if (options.postgres === false) skipped.push("postgres (switched off)");
  else if (findPostgresBin()) engines.push(postgresEngine);
  else skipped.push("postgres (no server binaries: apt-get install postgresql)");
  const runs = [];
  for (const engine of engines) runs.push(...(await measureEngine(engine, plan, options.log)));
  return growthResultsSchema.parse({
    meta: {
      date: new Date().toISOString(),
      mode: options.mode,
      durationSeconds: Math.round((performance.now() - began) / 1000),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        loadAverageStart: loadStart,
        loadAverageEnd: os.loadavg().map((v) => round(v)),
      },
      samples: plan.samples,
      engines: engines.map((e) => e.name),
      skipped,
    },
    runs,
  });
}

export const GROWTH_START = "<!-- bench:growth:start -->";
export const GROWTH_END = "<!-- bench:growth:end -->";

/** The growth results as Markdown: one table per engine, sizes as columns. */
export function renderGrowthTables(r: GrowthResults): string {
  const m = r.meta;
  const lines: string[] = [
    `Run of ${m.date} (${m.mode} mode, ${m.durationSeconds} s, ${m.samples} sequential calls per operation and size, the sizes interleaved) ` +
      `on ${m.machine.cpus} × ${m.machine.cpuModel}. Load average (1/5/15 min) ` +
      `${m.machine.loadAverageStart.join(" / ")} at the start and ${m.machine.loadAverageEnd.join(" / ")} at the end.` +
      (m.skipped.length ? ` Not measured: ${m.skipped.join("; ")}.` : ""),
    "",
  ];
  for (const engine of m.engines) {
    const runs = r.runs.filter((run) => run.engine === engine);
    if (runs.length === 0) continue;
    const first = runs[0]!;
    const last = runs.at(-1)!;
    lines.push(
      `#### ${engine === "pglite" ? "PGlite (embedded)" : "PostgreSQL server"}`,
      "",
      `| operation (p50 / p99) | ${runs.map((run) => run.size.label).join(" | ")} | growth of p50, smallest → largest |`,
      `| --- | ${runs.map(() => "---").join(" | ")} | --- |`,
    );
    for (const [key, label] of GROWTH_OPERATIONS) {
      const cells = runs.map((run) => {
        const op = run.operations[key];
        return op ? `${op.p50} / ${op.p99} ms` : "–";
      });
      const grew = ratio(last.operations[key]?.p50 ?? NaN, first.operations[key]?.p50 ?? NaN);
      lines.push(`| ${label} | ${cells.join(" | ")} | ${grew === null ? "–" : `×${grew}`} |`);
    }
    lines.push(
      `| on-disk size | ${runs.map((run) => `${run.diskMiB} MiB`).join(" | ")} | |`,
      `| seeding by SQL (not measured above) | ${runs.map((run) => `${run.seedSeconds} s`).join(" | ")} | |`,
      `| load average (1 min) after measuring | ${runs.map((run) => `${run.loadAverage[0]}`).join(" | ")} | |`,
      "",
    );
  }
  return lines.join("\n");
}

export function spliceGrowth(document: string, tables: string): string {
  return spliceTables(document, tables, { start: GROWTH_START, end: GROWTH_END });
}
