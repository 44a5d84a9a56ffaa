import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { every } from "@/lib/jobs/every";
import { configureLogger } from "@/lib/log/logger";

/** A promise the test settles by hand, to hold a pass "in flight". */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("every", () => {
  let lines: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
    configureLogger({ level: "debug", sink: (line) => lines.push(line) });
  });
  afterEach(() => {
    vi.useRealTimers();
    configureLogger({ level: "silent" });
  });

  it("runs once per interval, first after one interval unless asked to run now", async () => {
    const later = vi.fn(async () => {});
    const now = vi.fn(async () => {});
    const stops = [every(1_000, "later", later), every(1_000, "now", now, { runNow: true })];
    await vi.advanceTimersByTimeAsync(0);
    expect([later.mock.calls.length, now.mock.calls.length]).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(999);
    expect([later.mock.calls.length, now.mock.calls.length]).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect([later.mock.calls.length, now.mock.calls.length]).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect([later.mock.calls.length, now.mock.calls.length]).toEqual([4, 5]);
    await Promise.all(stops.map((stop) => stop()));
  });

  it("skips ticks while a pass is still running, and carries on once it ends", async () => {
    const slow = deferred();
    let calls = 0;
    const stop = every(1_000, "slow", () => (++calls === 1 ? slow.promise : Promise.resolve()));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000); // five ticks while the first pass hangs
    expect(calls).toBe(1);
    slow.resolve();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    await stop();
  });

  it("logs a failed pass under the job's name, secrets scrubbed, and tries again next tick", async () => {
    let calls = 0;
    const stop = every(1_000, "outbox worker pass", async () => {
      if (++calls === 1) throw new Error("SMTP refused Bearer abc.def.ghi");
      if (calls === 2) throw "not even an Error";
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(3);
    const records = lines.map((l) => JSON.parse(l));
    expect(records).toMatchObject([
      {
        level: "error",
        msg: "outbox worker pass failed",
        error: { message: "SMTP refused Bearer [redacted]" },
      },
      { level: "error", msg: "outbox worker pass failed", error: "not even an Error" },
    ]);
    await stop();
  });

  it("logs housekeeping failures as warnings when asked", async () => {
    const stop = every(
      1_000,
      "pruning expired state",
      () => Promise.reject(new Error("database restarting")),
      { runNow: true, errorLevel: "warn" },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { level: "warn", msg: "pruning expired state failed" },
    ]);
    await stop();
  });

  it("a task that throws before its first await is caught like any failure", async () => {
    const stop = every(1_000, "sync", () => {
      throw new Error("thrown synchronously");
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lines).toHaveLength(2);
    await stop();
  });

  it("stop() aborts the pass's signal, waits for it to settle, and no tick runs after", async () => {
    const pass = deferred();
    let seen: AbortSignal | undefined;
    let calls = 0;
    const stop = every(1_000, "drain", (signal) => {
      calls++;
      seen = signal;
      return pass.promise;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(true);
    expect(stopped).toBe(false); // still waiting for the pass in flight
    pass.resolve();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
