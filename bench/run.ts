/**
 * npm run bench [-- --quick] [--only growth|service] [--out <dir>] [--docs <file>]
 *
 * Measures Latchkey on this machine against baselines taken in the same run (see
 * docs/benchmarks.md): the access page, unlocks, the Kisi budget under bursts of visitors, bulk
 * issue, page weight, Lighthouse, axe-core, start-up and memory. Starts everything itself —
 * `npm run demo` (production build, PGlite, the Kisi emulator) on free loopback ports with a
 * throwaway data folder — and writes <out>/<date>.json, <out>/latest.json and the tables.
 * --quick makes every part tiny (the smoke mode); it checks the scripts, not the numbers.
 * Then the data-growth part (bench/lib/growth.ts): throwaway databases seeded by SQL at three
 * sizes, on PGlite and — when installed — PostgreSQL; `--only growth` runs it alone.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import * as prettier from "prettier";
import {
  axe,
  launchBrowser,
  lighthouse,
  medianLighthouse,
  pageWeight,
  phoneContext,
  type LighthouseSummary,
} from "./lib/browser";
import {
  clearKisiRequests,
  createKisiLink,
  kisiBudget,
  kisiRequests,
  kisiSecretFor,
} from "./lib/kisi";
import {
  FULL_GROWTH,
  QUICK_GROWTH,
  renderGrowthTables,
  runGrowthBench,
  spliceGrowth,
} from "./lib/growth";
import { cannon, pacedLatency } from "./lib/load";
import { renderTables, spliceTables } from "./lib/report";
import { benchResultsSchema, type BenchResults } from "./lib/results";
import { freePort, groupRss, rssSampler, startDemo, type Demo } from "./lib/stack";
import { DEMO_IDS } from "@/lib/demo/constants";
import { ratio, round, summarize, tally } from "./lib/stats";
import { bulkCsv, StudioClient, type Issued } from "./lib/studio";

const DOORS = [5001, 5002, 5003];

type Plan = {
  cannonSeconds: { latency: number; throughput: number };
  unlockLinks: number;
  bursts: number[];
  bulkLinks: number;
  /**
   * Lighthouse runs per page (0 = skip). One run swings by several points with the machine's
   * load, so each page is scored several times, the pages taking turns, and the median is kept.
   */
  lighthouseRuns: number;
};

const FULL: Plan = {
  cannonSeconds: { latency: 8, throughput: 10 },
  unlockLinks: 20,
  bursts: [50, 200],
  bulkLinks: 200,
  lighthouseRuns: 5,
};
const QUICK: Plan = {
  cannonSeconds: { latency: 1, throughput: 1 },
  unlockLinks: 2,
  bursts: [5],
  bulkLinks: 6,
  lighthouseRuns: 0,
};

function log(message: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function versions(): Record<string, string> {
  const pkg = (name: string) => {
    try {
      return (
        JSON.parse(readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as {
          version: string;
        }
      ).version;
    } catch {
      return "?";
    }
  };
  const own = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
  return {
    latchkey: own.version,
    node: process.version,
    next: pkg("next"),
    react: pkg("react"),
    "@electric-sql/pglite": pkg("@electric-sql/pglite"),
    autocannon: pkg("autocannon"),
    lighthouse: pkg("lighthouse"),
    "axe-core": pkg("axe-core"),
    chromium: chromiumVersion(),
  };
}

function chromiumVersion(): string {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .replace(/^Chromium\s+/, "");
  } catch {
    return "not found";
  }
}

/** A visitor's unlock tap, as the access page sends it. */
async function unlock(appUrl: string, token: string, lockId: number): Promise<number> {
  const res = await fetch(`${appUrl}/api/access/doors/${lockId}/unlock`, {
    method: "POST",
    headers: {
      origin: appUrl,
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    },
    body: "{}",
  });
  await res.arrayBuffer();
  return res.status;
}

async function directUnlock(kisiUrl: string, secret: string, lockId: number): Promise<number> {
  const res = await fetch(`${kisiUrl}/locks/${lockId}/unlock`, {
    method: "POST",
    headers: { authorization: `KISI-GROUP-LINK ${secret}`, "content-type": "application/json" },
    body: "{}",
  });
  await res.arrayBuffer();
  return res.status;
}

/** Waits until Kisi has been quiet for a while, so one phase's queue never leaks into the next. */
async function settle(kisiUrl: string, quietMs = 2_000, maxMs = 90_000) {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const seen = await kisiRequests(kisiUrl);
    const last = seen.at(-1);
    if (!last || Date.now() - Date.parse(last.at) > quietMs) return;
    await sleep(500);
  }
}

async function startBaselineEmulator() {
  const port = await freePort();
  const child = spawn("npx", ["tsx", "bench/emulator-server.ts", "--port", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`baseline emulator exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // gone
      }
    },
  };
}

async function accessPageBench(demo: Demo, plan: Plan, token: string) {
  const kisiBase = await startBaselineEmulator();
  try {
    const secret = await createKisiLink(kisiBase.url);
    const targets = {
      access: { url: `${demo.appUrl}/access/${token}` },
      baseline: { url: `${demo.appUrl}/bench/baseline` },
      kisiLocks: {
        url: `${kisiBase.url}/locks`,
        headers: { authorization: `KISI-GROUP-LINK ${secret}` },
      },
    };
    const latency = {} as Record<keyof typeof targets, Awaited<ReturnType<typeof cannon>>>;
    const throughput = {} as typeof latency;
    for (const key of Object.keys(targets) as (keyof typeof targets)[]) {
      // A short warm-up so the first compile of a route or a cold cache is not measured.
      await cannon({ ...targets[key], connections: 1, durationSeconds: 1 });
      log(`access page: ${key}, 1 connection`);
      latency[key] = await cannon({
        ...targets[key],
        connections: 1,
        durationSeconds: plan.cannonSeconds.latency,
      });
      log(`access page: ${key}, 10 connections`);
      throughput[key] = await cannon({
        ...targets[key],
        connections: 10,
        durationSeconds: plan.cannonSeconds.throughput,
      });
    }
    return {
      latency,
      throughput,
      overheadMs: {
        p50: round(latency.access.latency.p50 - latency.baseline.latency.p50),
        p99: round(latency.access.latency.p99 - latency.baseline.latency.p99),
      },
      ratios: {
        latencyP50VsBaseline: ratio(latency.access.latency.p50, latency.baseline.latency.p50),
        latencyP50VsKisi: ratio(latency.access.latency.p50, latency.kisiLocks.latency.p50),
        throughputVsBaseline: ratio(
          throughput.access.requestsPerSecond,
          throughput.baseline.requestsPerSecond,
        ),
        throughputVsKisi: ratio(
          throughput.access.requestsPerSecond,
          throughput.kisiLocks.requestsPerSecond,
        ),
      },
    };
  } finally {
    kisiBase.stop();
  }
}

async function unlockBench(demo: Demo, links: Issued[]) {
  // Both paths share the demo emulator's 5 requests/s per Kisi user: start calls 300 ms apart,
  // alternating, so neither is ever paced or refused and only the round trips are compared.
  const intervalMs = 300;
  const pairs = links.flatMap((link) => DOORS.map((lockId) => ({ link, lockId })));
  const secret = await kisiSecretFor(demo.kisiUrl, links[0]!.id);
  const latchkeySamples: number[] = [];
  const directSamples: number[] = [];
  const latchkeyStatuses: number[] = [];
  const directStatuses: number[] = [];
  for (const pair of pairs) {
    const viaLatchkey = await pacedLatency(1, intervalMs, () =>
      unlock(demo.appUrl, pair.link.token, pair.lockId),
    );
    latchkeySamples.push(viaLatchkey.latency.p50);
    latchkeyStatuses.push(...viaLatchkey.statuses);
    const direct = await pacedLatency(1, intervalMs, () =>
      directUnlock(demo.kisiUrl, secret, pair.lockId),
    );
    directSamples.push(direct.latency.p50);
    directStatuses.push(...direct.statuses);
  }
  const latchkey = summarize(latchkeySamples);
  const direct = summarize(directSamples);
  return {
    intervalMs,
    latchkey,
    direct,
    latchkeyStatuses: tally(latchkeyStatuses),
    directStatuses: tally(directStatuses),
    addedMs: { p50: round(latchkey.p50 - direct.p50), p99: round(latchkey.p99 - direct.p99) },
    ratioP50: ratio(latchkey.p50, direct.p50),
  };
}

/** Kisi calls a lane starts per second (lib/kisi/limiter.ts), the queue's pace. */
const KISI_LANE_RATE = 4;

async function burst(demo: Demo, links: Issued[], lockId: number, spreadMs: number) {
  await settle(demo.kisiUrl);
  await clearKisiRequests(demo.kisiUrl);
  const started = performance.now();
  const visits = links.map(async (link, i) => {
    await sleep((spreadMs * i) / links.length);
    const page = await fetch(`${demo.appUrl}/access/${link.token}`);
    await page.arrayBuffer();
    const tappedAt = performance.now() - started;
    const status = await unlock(demo.appUrl, link.token, lockId);
    return { page: page.status, unlock: status, tappedAt, at: performance.now() - started };
  });
  const results = await Promise.all(visits);
  const opened = results.filter((r) => r.unlock === 200);
  // The promise of the queue: the k-th tap to arrive (0-based) opens by the time k taps ahead of
  // it have gone at Kisi's pace, plus a second — measured from its own arrival if that is later.
  const byArrival = [...results].sort((a, b) => a.tappedAt - b.tappedAt);
  const lateness = byArrival.map((r, k) => {
    const due = Math.max(r.tappedAt, byArrival[0]!.tappedAt + (k * 1000) / KISI_LANE_RATE) + 1000;
    return r.unlock === 200 ? r.at - due : Infinity;
  });
  await settle(demo.kisiUrl);
  const budget = kisiBudget(await kisiRequests(demo.kisiUrl));
  return {
    visitors: links.length,
    spreadMs,
    pageStatuses: tally(results.map((r) => r.page)),
    unlockStatuses: tally(results.map((r) => r.unlock)),
    visitor429: results.filter((r) => r.page === 429 || r.unlock === 429).length,
    unlocked: opened.length,
    lastDoorOpenedMs: opened.length ? Math.round(Math.max(...opened.map((r) => r.at))) : null,
    openedLate: lateness.filter((l) => l > 0).length,
    worstLatenessMs: Math.round(Math.max(0, ...lateness.filter(Number.isFinite))),
    kisi: budget,
  };
}

async function bulkBench(demo: Demo, studio: StudioClient, count: number) {
  await settle(demo.kisiUrl);
  await clearKisiRequests(demo.kisiUrl);
  const started = performance.now();
  const batchId = await studio.bulk(bulkCsv(count));
  let batch = await studio.batch(batchId);
  const deadline = Date.now() + 10 * 60_000;
  while (batch.pending > 0 || batch.issued + batch.failed < batch.total) {
    if (Date.now() > deadline) throw new Error("bulk batch did not finish in 10 minutes");
    await sleep(250);
    batch = await studio.batch(batchId);
  }
  const seconds = (performance.now() - started) / 1000;
  const budget = kisiBudget(await kisiRequests(demo.kisiUrl));
  const linkIds = batch.rows.map((r) => r.linkId).filter((id): id is string => Boolean(id));
  const links: Issued[] = [];
  for (const id of linkIds) links.push(await studio.link(id));
  return {
    links,
    result: {
      links: count,
      issued: batch.issued,
      failed: batch.failed,
      seconds: round(seconds),
      linksPerSecond: round(batch.issued / seconds),
      ratioToKisiCeiling: ratio(round(batch.issued / seconds), 5),
      kisiMaxPerSecond: budget.maxPerSecond,
      kisiTooManyRequests: budget.tooManyRequests,
    },
  };
}

async function browserBench(demo: Demo, studio: StudioClient, plan: Plan, pages: PageStates) {
  const browser = await launchBrowser();
  try {
    const accessPages: [string, string][] = [
      ["access page: active", `${demo.appUrl}/access/${pages.active.token}`],
      ["access page: geofenced", `${demo.appUrl}/access/${pages.geofenced.token}`],
      ["access page: not yet valid", `${demo.appUrl}/access/${pages.upcoming.token}`],
      ["access page: revoked", `${demo.appUrl}/access/${pages.revoked.token}`],
      ["access page: unknown token", `${demo.appUrl}/access/${"x".repeat(43)}`],
    ];
    const baseline: [string, string] = ["baseline page", `${demo.appUrl}/bench/baseline`];
    log("page weight");
    const weights = [];
    for (const [label, url] of [...accessPages, baseline])
      weights.push(await pageWeight(browser, label, url));

    log("axe-core");
    const axeResults = [];
    const guest = await phoneContext(browser);
    for (const [label, url] of plan.lighthouseRuns > 0 ? accessPages : accessPages.slice(0, 1))
      axeResults.push(await axe(guest, label, { url }));
    axeResults.push(await axe(guest, "sign-in", { url: `${demo.appUrl}/sign-in` }));
    await guest.close();
    const admin = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const signIn = await admin.request.post(`${demo.appUrl}/api/auth/sign-in/email`, {
      headers: { origin: demo.appUrl },
      data: { email: "owner@latchkey.test", password: "latchkey-demo-owner" },
    });
    if (signIn.status() !== 200) throw new Error(`browser sign-in failed: ${signIn.status()}`);
    const studioBase = `${demo.appUrl}/dashboard/studios/${studio.studioId}`;
    const dashboard: [string, string][] = [
      ["dashboard", `${demo.appUrl}/dashboard`],
      ["dashboard: links", studioBase],
      ["dashboard: activity", `${studioBase}/activity`],
      ["dashboard: emails", `${studioBase}/outbox`],
      ["dashboard: settings", `${studioBase}/settings`],
      ["dashboard: team", `${studioBase}/team`],
      ["dashboard: API tokens", `${studioBase}/api-tokens`],
    ];
    for (const [label, url] of dashboard) {
      log(`axe-core: ${label}`);
      axeResults.push(await axe(admin, label, { url }));
    }
    const html = await studio.newestEmailHtml();
    if (html) axeResults.push(await axe(admin, "access email (HTML)", { html }));
    await admin.close();

    const lh = [];
    if (plan.lighthouseRuns > 0) {
      const pagesToScore = [...accessPages, baseline];
      const runs = new Map<string, LighthouseSummary[]>(pagesToScore.map(([l]) => [l, []]));
      for (let run = 1; run <= plan.lighthouseRuns; run++)
        for (const [label, url] of pagesToScore) {
          log(`lighthouse ${run}/${plan.lighthouseRuns}: ${label}`);
          runs.get(label)!.push(await lighthouse(label, url));
        }
      for (const [label] of pagesToScore) lh.push(medianLighthouse(label, runs.get(label)!));
    } else {
      lh.push({ page: "all", error: "skipped in --quick mode" });
    }
    return { pageWeight: weights, axe: axeResults, lighthouse: lh };
  } finally {
    await browser.close();
  }
}

type PageStates = { active: Issued; geofenced: Issued; upcoming: Issued; revoked: Issued };

type Options = { quick: boolean; outDir: string; docsFile: string };

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      docs: { type: "string" },
      only: { type: "string" },
    },
  });
  if (values.only !== undefined && values.only !== "growth" && values.only !== "service")
    throw new Error(
      `--only takes "growth" (the data-growth part alone) or "service" (parts 1–7), not "${values.only}"`,
    );
  const outDir = path.resolve(values.out ?? path.join("bench", "results"));
  const options: Options = {
    quick: values.quick,
    outDir,
    docsFile: path.resolve(
      values.docs ??
        (values.quick ? path.join(outDir, "benchmarks-quick.md") : "docs/benchmarks.md"),
    ),
  };
  if (values.only !== "growth") await serviceBench(options);
  if (values.only !== "service") await growthBench(options);
}

/** Writes a document formatted as `npm run lint` expects, so a fresh run leaves it clean. */
async function writeDoc(docsFile: string, doc: string) {
  mkdirSync(path.dirname(docsFile), { recursive: true });
  const options = (await prettier.resolveConfig(docsFile)) ?? {};
  writeFileSync(docsFile, await prettier.format(doc, { ...options, filepath: docsFile }));
}

/** Part 8: data growth, on throwaway databases (bench/lib/growth.ts). */
async function growthBench({ quick, outDir, docsFile }: Options) {
  const results = await runGrowthBench(quick ? QUICK_GROWTH : FULL_GROWTH, {
    mode: quick ? "quick" : "full",
    log,
  });
  mkdirSync(outDir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = results.meta.date.replace(/[:.]/g, "-");
  const prefix = quick ? "quick-growth-" : "growth-";
  writeFileSync(path.join(outDir, `${prefix}${stamp}.json`), json);
  writeFileSync(path.join(outDir, `${prefix}latest.json`), json);
  const existing = existsSync(docsFile) ? readFileSync(docsFile, "utf8") : "# Benchmarks\n";
  await writeDoc(docsFile, spliceGrowth(existing, renderGrowthTables(results)));
  log(
    `growth done in ${results.meta.durationSeconds} s: ${path.relative(process.cwd(), docsFile)}`,
  );
}

/** Parts 1–7: the running service (npm run demo). */
async function serviceBench({ quick, outDir, docsFile }: Options) {
  const values = { quick };
  const plan = quick ? QUICK : FULL;
  const began = performance.now();
  const loadStart = os.loadavg().map((v) => round(v));
  const work = mkdtempSync(path.join(os.tmpdir(), "latchkey-bench-"));
  let demo: Demo | undefined;
  try {
    const ports = async () => ({ appPort: await freePort(), kisiPort: await freePort() });

    log("first start (builds if the sources changed)");
    const prepare = await startDemo({ dataDir: path.join(work, "prepare"), ...(await ports()) });
    await prepare.stop();

    log("cold start with a fresh data folder");
    const dataDir = path.join(work, "data");
    demo = await startDemo({ dataDir, ...(await ports()), timeoutMs: 180_000 });
    const coldStartMs = demo.readyMs;
    await sleep(2_000);
    const rssIdle = groupRss(demo.child.pid!);
    const sampler = rssSampler(demo.child.pid!);

    const studio = new StudioClient(demo.appUrl);
    await studio.signIn();
    log("issuing links");
    const pages: PageStates = {
      active: await studio.issue({ name: "Bench Guest", email: "bench.guest@example.com" }),
      geofenced: await studio.issue({
        name: "Bench Fenced",
        studioId: DEMO_IDS.geofencedStudio,
      }),
      upcoming: await studio.issue({ name: "Bench Later", fromInS: 86_400, untilInS: 90_000 }),
      revoked: await studio.issue({ name: "Bench Revoked" }),
    };
    await studio.revoke(pages.revoked.id);
    const unlockLinks: Issued[] = [];
    for (let i = 0; i < plan.unlockLinks; i++)
      unlockLinks.push(await studio.issue({ name: `Bench Unlock ${i + 1}` }));

    log("access page");
    const accessPage = await accessPageBench(demo, plan, pages.active.token);
    log("unlock");
    const unlockResult = await unlockBench(demo, unlockLinks);
    log(`bulk issue of ${plan.bulkLinks}`);
    const bulk = await bulkBench(demo, studio, plan.bulkLinks);
    const bursts = [];
    for (const [i, visitors] of plan.bursts.entries()) {
      if (bulk.links.length < visitors)
        throw new Error(`only ${bulk.links.length} links for the burst`);
      log(`burst of ${visitors} visitors`);
      // Each burst uses another door, so no link taps the same door twice (dedupe window).
      bursts.push(
        await burst(demo, bulk.links.slice(0, visitors), DOORS[i % DOORS.length]!, 3_000),
      );
    }
    sampler.stop();
    const rssPeakUnderLoad = sampler.peak();

    const browserResults = await browserBench(demo, studio, plan, pages);

    await demo.stop();
    log("restart on the same data folder");
    demo = await startDemo({ dataDir, ...(await ports()), timeoutMs: 180_000 });
    const warmRestartMs = demo.readyMs;
    await demo.stop();
    demo = undefined;

    const results: BenchResults = benchResultsSchema.parse({
      meta: {
        date: new Date().toISOString(),
        mode: values.quick ? "quick" : "full",
        durationSeconds: Math.round((performance.now() - began) / 1000),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
          memoryGiB: round(os.totalmem() / 2 ** 30, 1),
          os: `${os.type()} ${os.release()}`,
          loadAverageStart: loadStart,
          loadAverageEnd: os.loadavg().map((v) => round(v)),
        },
        versions: versions(),
      },
      startup: {
        prepareMs: Math.round(prepare.readyMs),
        prepareBuilt: prepare.built,
        coldStartMs: Math.round(coldStartMs),
        warmRestartMs: Math.round(warmRestartMs),
        rssIdle,
        rssPeakUnderLoad,
      },
      accessPage,
      unlock: unlockResult,
      bursts,
      bulk: bulk.result,
      ...browserResults,
    });

    mkdirSync(outDir, { recursive: true });
    const json = `${JSON.stringify(results, null, 2)}\n`;
    const stamp = results.meta.date.replace(/[:.]/g, "-");
    writeFileSync(path.join(outDir, `${values.quick ? "quick-" : ""}${stamp}.json`), json);
    writeFileSync(path.join(outDir, values.quick ? "quick-latest.json" : "latest.json"), json);
    const existing = existsSync(docsFile) ? readFileSync(docsFile, "utf8") : "# Benchmarks\n";
    await writeDoc(docsFile, spliceTables(existing, renderTables(results)));
    log(`done in ${results.meta.durationSeconds} s: ${path.relative(process.cwd(), docsFile)}`);
  } finally {
    await demo?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const cause = (error as Error).cause;
  console.error(
    `\nThe benchmark failed: ${(error as Error).stack ?? String(error)}\n` +
      (cause ? `Caused by: ${String((cause as Error).message ?? cause)}\n` : ""),
  );
  process.exit(1);
});
