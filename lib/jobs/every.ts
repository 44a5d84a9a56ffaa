import { log } from "@/lib/log/logger";

export type EveryOptions = {
  /** Run once right away as well (jobs whose first pass should not wait a whole interval). */
  runNow?: boolean;
  /** How a failed pass is logged: `warn` for housekeeping that simply tries again later. */
  errorLevel?: "error" | "warn";
};

/**
 * Runs `task` every `intervalMs` until stopped: the one polling loop behind every background
 * job (outbox, bulk issues, Kisi reconciliation, pruning). A pass still running when the next
 * tick comes is not doubled up; the tick is skipped. A failed pass is logged as
 * `"<name> failed"` and the next tick tries again, so one bad row or a database blip never
 * ends the loop. The timer is unref'd: a job never keeps the process alive on its own.
 *
 * The task gets an AbortSignal that stop() aborts, so a long pass (draining a backlog) can end
 * early; stop() resolves once the pass in flight, if any, has settled, so a shutdown can close
 * the database after it.
 */
export function every(
  intervalMs: number,
  name: string,
  task: (signal: AbortSignal) => Promise<unknown>,
  options: EveryOptions = {},
): () => Promise<void> {
  const controller = new AbortController();
  let inFlight: Promise<void> | null = null;
  const tick = () => {
    if (inFlight || controller.signal.aborted) return;
    inFlight = Promise.resolve()
      .then(() => task(controller.signal))
      .then(
        () => undefined,
        (error: unknown) => log[options.errorLevel ?? "error"](`${name} failed`, { error }),
      )
      .finally(() => {
        inFlight = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  if (options.runNow) tick();
  return async () => {
    controller.abort();
    clearInterval(timer);
    await inFlight;
  };
}
