import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, devices, type Browser, type BrowserContext } from "@playwright/test";

/** Debian's Chromium (Playwright cannot download its own here); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A phone, as guests use Latchkey (the e2e suite's viewport). */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ ...devices["Pixel 7"] });
}

export type PageWeight = {
  page: string;
  status: number;
  requests: number;
  /** Bytes of JavaScript as transferred (body as sent, gzip where the server compressed). */
  jsBytes: number;
  /** Every response's headers and body as transferred. */
  totalBytes: number;
};

/** Loads `url` in a fresh phone context (empty cache) and adds up what went over the wire. */
export async function pageWeight(
  browser: Browser,
  label: string,
  url: string,
): Promise<PageWeight> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const pending: Promise<{ js: boolean; bytes: number; body: number }>[] = [];
  page.on("requestfinished", (request) => {
    pending.push(
      request.sizes().then((sizes) => ({
        js: request.resourceType() === "script",
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        body: sizes.responseBodySize,
      })),
    );
  });
  const response = await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const done = await Promise.all(pending);
  await context.close();
  return {
    page: label,
    status: response?.status() ?? 0,
    requests: done.length,
    jsBytes: done.filter((d) => d.js).reduce((sum, d) => sum + d.body, 0),
    totalBytes: done.reduce((sum, d) => sum + d.bytes, 0),
  };
}

export type AxeSummary = {
  page: string;
  violations: number;
  ids: string[];
  passes: number;
  /** Set when axe could not finish on this page (the other fields are then zero). */
  error?: string;
};

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe-core (WCAG 2.2 AA tags, as the e2e suite) on a page reached by `url`, or on raw HTML. */
export async function axe(
  context: BrowserContext,
  label: string,
  target: { url: string } | { html: string },
): Promise<AxeSummary> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  try {
    if ("url" in target) {
      await page.goto(target.url, { waitUntil: "load" });
      // Pages that poll (activity, emails) may never go idle; a quiet moment is enough.
      await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
    } else {
      await page.setContent(target.html, { waitUntil: "load" });
    }
    // Sandboxed frames (the email previews) never answer axe's injected script, which then
    // waits forever: they are left out here, and the email's HTML is checked as its own page.
    // options() replaces every run option, so it comes before withTags().
    const analysis = new AxeBuilder({ page })
      .options({ iframes: false })
      .withTags(WCAG_TAGS)
      .exclude("iframe")
      .analyze();
    const result = await Promise.race([
      analysis,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("axe did not finish in 60 s")), 60_000),
      ),
    ]);
    return {
      page: label,
      violations: result.violations.reduce((sum, v) => sum + v.nodes.length, 0),
      ids: result.violations.map((v) => v.id),
      passes: result.passes.length,
    };
  } catch (error) {
    return { page: label, violations: 0, ids: [], passes: 0, error: (error as Error).message };
  } finally {
    await page.close().catch(() => undefined);
  }
}

export type LighthouseSummary =
  | {
      page: string;
      performance: number;
      accessibility: number;
      bestPractices: number;
      lcpMs: number;
      /** When several runs were taken: how many succeeded, and the performance range. */
      runs?: number;
      performanceMin?: number;
      performanceMax?: number;
    }
  | { page: string; error: string };

/**
 * One page's runs folded into one row: the median of each score and of LCP (the middle run, not
 * the best), with the performance range so a reader sees how much one run would have swung.
 * Failed runs are left out and counted; a page with no successful run keeps the last error.
 */
export function medianLighthouse(page: string, runs: LighthouseSummary[]): LighthouseSummary {
  const ok = runs.filter(
    (r): r is Exclude<LighthouseSummary, { error: string }> => !("error" in r),
  );
  if (ok.length === 0) {
    const last = runs.at(-1);
    return { page, error: last && "error" in last ? last.error : "no run" };
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  };
  const perf = ok.map((r) => r.performance);
  return {
    page,
    performance: median(perf),
    accessibility: median(ok.map((r) => r.accessibility)),
    bestPractices: median(ok.map((r) => r.bestPractices)),
    lcpMs: median(ok.map((r) => r.lcpMs)),
    runs: ok.length,
    performanceMin: Math.min(...perf),
    performanceMax: Math.max(...perf),
  };
}

/**
 * Lighthouse's CLI (mobile preset, its default: simulated throttling on a Moto G class phone)
 * with Debian's Chromium via CHROME_PATH. Scores are 0–100. A failure is recorded, not faked.
 */
export async function lighthouse(label: string, url: string): Promise<LighthouseSummary> {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-lh-"));
  const out = path.join(dir, "report.json");
  const cli = path.join(process.cwd(), "node_modules", "lighthouse", "cli", "index.js");
  const args = [
    cli,
    url,
    "--output=json",
    `--output-path=${out}`,
    "--only-categories=performance,accessibility,best-practices",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    "--quiet",
    "--max-wait-for-load=30000",
  ];
  try {
    const { code, output } = await new Promise<{ code: number | null; output: string }>(
      (resolve) => {
        const child = spawn(process.execPath, args, {
          env: { ...process.env, CHROME_PATH: CHROMIUM },
        });
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
        child.once("exit", (code) => {
          clearTimeout(timer);
          resolve({ code, output });
        });
      },
    );
    if (code !== 0)
      return { page: label, error: `lighthouse exited ${code}: ${output.slice(-300)}` };
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { numericValue?: number }>;
      runtimeError?: { message: string };
    };
    if (report.runtimeError) return { page: label, error: report.runtimeError.message };
    const score = (key: string) => Math.round((report.categories[key]?.score ?? 0) * 100);
    return {
      page: label,
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      lcpMs: Math.round(report.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN),
    };
  } catch (error) {
    return { page: label, error: (error as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
