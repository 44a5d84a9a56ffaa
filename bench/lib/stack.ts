import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { freePort, startProcess } from "../../tests/support/processes";

/**
 * `npm run demo` as a user starts it, in its own process group (so stopping it stops the Next
 * server and the emulator it started), with the benchmark's baseline page switched on.
 */
export type Demo = {
  child: ChildProcess;
  appUrl: string;
  kisiUrl: string;
  /** Milliseconds from spawning `npm run demo` to its "running" banner (server healthy). */
  readyMs: number;
  /** Whether this start had to build the app first. */
  built: boolean;
  output: () => string;
  stop: () => Promise<void>;
};

export { freePort };

export async function startDemo(options: {
  dataDir: string;
  appPort: number;
  kisiPort: number;
  timeoutMs?: number;
}): Promise<Demo> {
  const started = performance.now();
  const proc = startProcess(
    "npm",
    [
      "run",
      "--silent",
      "demo",
      "--",
      ...["--port", String(options.appPort), "--kisi-port", String(options.kisiPort)],
    ],
    {
      // Empty means unset: the demo runs embedded, whatever the caller's environment says.
      DATABASE_URL: "",
      SMTP_URL: "",
      LATCHKEY_BENCH: "1",
      LATCHKEY_DATA_DIR: options.dataDir,
      LOG_LEVEL: "warn",
      // Every tap gets its own Kisi call: the unlock figures time Latchkey's path, and the bursts
      // measure the queue at its worst (with shared opening most taps of a class need no call).
      LATCHKEY_SHARED_OPEN_SECONDS: "0",
    },
    { killAfterMs: 10_000 },
  );
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  while (!proc.output().includes("Latchkey demo is running.")) {
    if (proc.child.exitCode !== null)
      throw new Error(`npm run demo exited early:\n${proc.output()}`);
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`npm run demo was not ready in time:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child: proc.child,
    appUrl: `http://127.0.0.1:${options.appPort}`,
    kisiUrl: `http://127.0.0.1:${options.kisiPort}`,
    readyMs: performance.now() - started,
    built: /building|rebuilding/i.test(proc.output()),
    output: proc.output,
    stop: proc.stop,
  };
}

export type Rss = { serverMiB: number; totalMiB: number };

/**
 * Resident memory of a process group from /proc: the Next server (`next start` and its
 * next-server child) apart, and everything (npm, the demo CLI with the in-process Kisi emulator).
 */
export function groupRss(pgid: number): Rss {
  let server = 0;
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5 (pgrp) is index 2 here
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      total += kb;
      // The server is lib/server/serve.ts, run by tsx's loader in a child of tsx's own CLI
      // (the parent only supervises it); `next start` in a deployment without the wrapper.
      const serve = /lib\/server\/serve\.ts/.test(cmdline) && !/tsx\/dist\/cli\.mjs/.test(cmdline);
      if (serve || /next-server|next\/dist\/bin\/next start|next start/.test(cmdline)) server += kb;
    } catch {
      // the process ended while we read it
    }
  }
  return { serverMiB: Math.round(server / 1024), totalMiB: Math.round(total / 1024) };
}

/** Samples a process group's RSS every `everyMs` until stopped; keeps the peak. */
export function rssSampler(pgid: number, everyMs = 250) {
  let peak: Rss = { serverMiB: 0, totalMiB: 0 };
  const timer = setInterval(() => {
    const now = groupRss(pgid);
    peak = {
      serverMiB: Math.max(peak.serverMiB, now.serverMiB),
      totalMiB: Math.max(peak.totalMiB, now.totalMiB),
    };
  }, everyMs);
  return {
    peak: () => peak,
    stop: () => clearInterval(timer),
  };
}
