import type { BenchResults } from "./results";

const ms = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? "–" : `${v} ms`);
const x = (v: number | null | undefined) => (v == null ? "–" : `×${v}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const statusList = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ") || "–";

/** The results as Markdown tables: the part of docs/benchmarks.md each run rewrites. */
export function renderTables(r: BenchResults): string {
  const m = r.meta;
  const a = r.accessPage;
  const lines: string[] = [];
  lines.push(
    `Run of ${m.date} (${m.mode} mode, ${m.durationSeconds} s) on ${m.machine.cpus} × ${m.machine.cpuModel}, ` +
      `${m.machine.memoryGiB} GiB, ${m.machine.os}. Load average (1/5/15 min) ` +
      `${m.machine.loadAverageStart.join(" / ")} at the start and ${m.machine.loadAverageEnd.join(" / ")} at the end.`,
    "",
    `Versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
    "### 1. Access page (`GET /access/<token>`)",
    "",
    "| target | p50 (1 connection) | p99 (1 connection) | requests/s (10 connections) | p99 (10 connections) | non-2xx |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const [label, key] of [
    ["access page", "access"],
    ["baseline page (`/bench/baseline`)", "baseline"],
    ["emulator `GET /locks` alone", "kisiLocks"],
  ] as const) {
    const lat = a.latency[key];
    const thr = a.throughput[key];
    lines.push(
      `| ${label} | ${ms(lat.latency.p50)} | ${ms(lat.latency.p99)} | ${thr.requestsPerSecond} | ${ms(thr.latency.p99)} | ${lat.non2xx + thr.non2xx} |`,
    );
  }
  lines.push(
    "",
    `Latchkey's own overhead over the baseline page: **${ms(a.overheadMs.p50)} at p50, ${ms(a.overheadMs.p99)} at p99**. ` +
      `Ratios: p50 ${x(a.ratios.latencyP50VsBaseline)} the baseline, ${x(a.ratios.latencyP50VsKisi)} a Kisi round trip; ` +
      `throughput ${x(a.ratios.throughputVsBaseline)} the baseline, ${x(a.ratios.throughputVsKisi)} the emulator.`,
    "",
    "### 2. Unlock (`POST /api/access/doors/{id}/unlock`)",
    "",
    "| path | n | p50 | p99 | statuses |",
    "| --- | --- | --- | --- | --- |",
    `| through Latchkey | ${r.unlock.latchkey.n} | ${ms(r.unlock.latchkey.p50)} | ${ms(r.unlock.latchkey.p99)} | ${statusList(r.unlock.latchkeyStatuses)} |`,
    `| straight to the emulator | ${r.unlock.direct.n} | ${ms(r.unlock.direct.p50)} | ${ms(r.unlock.direct.p99)} | ${statusList(r.unlock.directStatuses)} |`,
    "",
    `Latchkey adds **${ms(r.unlock.addedMs.p50)} at p50, ${ms(r.unlock.addedMs.p99)} at p99** to one Kisi round trip (p50 ${x(r.unlock.ratioP50)}); calls were started ${r.unlock.intervalMs} ms apart.`,
    "",
    "### 3. Kisi call budget under a burst of visitors",
    "",
    r.bursts.some((b) => b.openedLate !== null)
      ? "Shared opening is off here (`LATCHKEY_SHARED_OPEN_SECONDS=0`), so every tap waits for a Kisi call of its own: the queue at its worst. *Late*: taps not opened within their place in the queue ÷ 4 calls/s + 1 s."
      : "This run predates the unlock queue (docs/bursts.md): a tap that had waited 8 s for its turn was refused with a retryable 503, and lateness was not measured (—).",
    "",
    "| visitors | arrivals spread over | pages | unlocks | doors opened | last door opened after | late (worst) | Kisi requests | Kisi max/s (limit 5) | Kisi mean/s | Kisi 429s | visitor 429s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const b of r.bursts) {
    lines.push(
      `| ${b.visitors} | ${b.spreadMs} ms | ${statusList(b.pageStatuses)} | ${statusList(b.unlockStatuses)} | ${b.unlocked} | ${ms(b.lastDoorOpenedMs)} | ${b.openedLate === null ? "—" : `${b.openedLate} (${ms(b.worstLatenessMs)})`} | ${b.kisi.requests} | ${b.kisi.maxPerSecond} | ${b.kisi.meanPerSecond} | ${b.kisi.tooManyRequests} | ${b.visitor429} |`,
    );
  }
  const bulk = r.bulk;
  lines.push(
    "",
    "### 4. Bulk issue from CSV",
    "",
    "| links | issued | failed | seconds | links/s | vs Kisi's 5 requests/s | Kisi max/s | Kisi 429s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${bulk.links} | ${bulk.issued} | ${bulk.failed} | ${bulk.seconds} | ${bulk.linksPerSecond} | ${x(bulk.ratioToKisiCeiling)} | ${bulk.kisiMaxPerSecond} | ${bulk.kisiTooManyRequests} |`,
    "",
    "### 5. Page weight and Lighthouse (mobile)",
    "",
    "| page | status | requests | JavaScript (transferred) | total transferred |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const w of r.pageWeight)
    lines.push(
      `| ${w.page} | ${w.status} | ${w.requests} | ${kb(w.jsBytes)} | ${kb(w.totalBytes)} |`,
    );
  lines.push(
    "",
    "| page | performance | accessibility | best practices | LCP |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const l of r.lighthouse) {
    lines.push(
      "error" in l
        ? `| ${l.page} | not measured: ${l.error.replace(/\|/g, "/").replace(/\s+/g, " ").slice(0, 160)} | | | |`
        : `| ${l.page} | ${l.performance}${l.runs ? ` (${l.performanceMin}–${l.performanceMax}, median of ${l.runs})` : ""} | ${l.accessibility} | ${l.bestPractices} | ${ms(l.lcpMs)} |`,
    );
  }
  lines.push(
    "",
    "### 6. Accessibility (axe-core, WCAG 2.2 AA tags)",
    "",
    "| page | violations (nodes) | rules violated | rules passed |",
    "| --- | --- | --- | --- |",
  );
  for (const s of r.axe)
    lines.push(
      s.error
        ? `| ${s.page} | not measured: ${s.error.replace(/\|/g, "/").replace(/\s+/g, " ").slice(0, 160)} | | |`
        : `| ${s.page} | ${s.violations} | ${s.ids.join(", ") || "none"} | ${s.passes} |`,
    );
  const st = r.startup;
  lines.push(
    "",
    "### 7. Start-up and memory",
    "",
    "| measure | value |",
    "| --- | --- |",
    `| \`npm run demo\` to ready, fresh data folder (migrations, seed, sample links) | ${ms(Math.round(st.coldStartMs))} |`,
    `| \`npm run demo\` to ready, existing data folder | ${ms(Math.round(st.warmRestartMs))} |`,
    `| first start of the run (${st.prepareBuilt ? "included a production build" : "build was up to date"}) | ${ms(Math.round(st.prepareMs))} |`,
    `| RSS idle: Next server / whole demo (npm, CLI, emulator, server) | ${st.rssIdle.serverMiB} MiB / ${st.rssIdle.totalMiB} MiB |`,
    `| RSS peak under the load above: Next server / whole demo | ${st.rssPeakUnderLoad.serverMiB} MiB / ${st.rssPeakUnderLoad.totalMiB} MiB |`,
  );
  return lines.join("\n") + "\n";
}

export const TABLES_START = "<!-- bench:results:start -->";
export const TABLES_END = "<!-- bench:results:end -->";

/**
 * Replaces a generated block of a Markdown document (or appends one): parts 1–7's tables by
 * default, or another part's between its own markers (the growth part's).
 */
export function spliceTables(
  document: string,
  tables: string,
  markers: { start: string; end: string } = { start: TABLES_START, end: TABLES_END },
): string {
  const block = `${markers.start}\n\n${tables}\n${markers.end}`;
  const start = document.indexOf(markers.start);
  const end = document.indexOf(markers.end);
  if (start === -1 || end === -1) return `${document.trimEnd()}\n\n${block}\n`;
  return document.slice(0, start) + block + document.slice(end + markers.end.length);
}
