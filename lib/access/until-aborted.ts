import "server-only";
import { KisiError } from "@/lib/kisi/errors";

/**
 * Waits for a shared request, but only as long as this caller's signal allows: the caller gets
 * a KisiError "aborted" when it gives up, while the request itself goes on for the others who
 * share it (a cached Kisi list that several taps are waiting for).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
) {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new KisiError({ kind: "aborted", message: `${what}: stopped waiting` }));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
