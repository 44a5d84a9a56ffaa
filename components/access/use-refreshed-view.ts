"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type RefreshOptions<T> = {
  /** What the server rendered, shown until the first answer. */
  fallbackData?: T;
  /** How long to wait after an answer before asking again, chosen from that answer. */
  refreshInterval: (latest: T | undefined) => number;
  /** The first wait after a failed request; each further failure doubles it (jittered). */
  errorRetryInterval: number;
  /** Ask as soon as refreshing starts, rather than after the first interval. */
  revalidateOnMount: boolean;
  /** After every answer or failure. */
  onSettled?: () => void;
};

/** A focus is a reason to look again, but not more often than this (a phone's app switcher). */
const FOCUS_THROTTLE_MS = 5_000;

/**
 * The guest page's refresh loop: one request at a time, the next after the wait the latest
 * answer asks for, sooner when the page comes back into view, the phone reconnects or the guest
 * taps "Try again" (`refresh`), and none while the page is hidden. It stands in for SWR here
 * only: the guest's page is loaded on a phone at the door, and SWR was 5.7 KB of gzipped
 * JavaScript — a third of what the page may add over a bare page (docs/guest-page.md) — for
 * this one loop. The dashboard keeps SWR.
 */
export function useRefreshedView<T>(
  enabled: boolean,
  fetcher: () => Promise<T>,
  options: RefreshOptions<T>,
): { data: T | undefined; error: unknown; validating: boolean; refresh: () => void } {
  const [data, setData] = useState<T | undefined>(options.fallbackData);
  const [error, setError] = useState<unknown>(undefined);
  const [validating, setValidating] = useState(false);
  // The loop reads the latest of these without restarting when a render passes new ones.
  const latest = useRef({ fetcher, options, data });
  useEffect(() => {
    latest.current = { fetcher, options, data };
  });
  const runNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    let timer = 0;
    let inflight = false;
    let failures = 0;
    let lastRun = 0;

    // The next request: the answer's own interval, or sooner after a failure (backing off).
    const schedule = (answer: T | undefined) => {
      const { refreshInterval, errorRetryInterval } = latest.current.options;
      let wait = refreshInterval(answer);
      if (failures > 0) {
        // Jitter only spreads retries out; nothing secret depends on it.
        // eslint-disable-next-line no-restricted-properties
        const jitter = 0.5 + Math.random();
        wait = Math.min(wait, errorRetryInterval * 2 ** Math.min(failures - 1, 3) * jitter);
      }
      window.clearTimeout(timer);
      // A hidden page waits: coming back into view asks at once (below).
      if (document.visibilityState === "hidden") return;
      timer = window.setTimeout(() => void run(), wait);
    };

    const run = async () => {
      if (!alive || inflight) return;
      window.clearTimeout(timer);
      inflight = true;
      lastRun = Date.now();
      setValidating(true);
      let answer = latest.current.data;
      try {
        answer = await latest.current.fetcher();
        failures = 0;
        if (alive) {
          setData(answer);
          setError(undefined);
        }
      } catch (failure) {
        failures += 1;
        if (alive) setError(failure);
      } finally {
        inflight = false;
        if (alive) {
          setValidating(false);
          latest.current.options.onSettled?.();
          schedule(answer);
        }
      }
    };

    runNow.current = () => void run();
    if (latest.current.options.revalidateOnMount || latest.current.data === undefined) void run();
    else schedule(latest.current.data);

    const onVisible = () => {
      if (document.visibilityState !== "visible") return;
      if (Date.now() - lastRun >= FOCUS_THROTTLE_MS) void run();
      else schedule(latest.current.data);
    };
    const onOnline = () => void run();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    window.addEventListener("online", onOnline);
    return () => {
      alive = false;
      runNow.current = () => undefined;
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
      window.removeEventListener("online", onOnline);
    };
  }, [enabled]);

  const refresh = useCallback(() => runNow.current(), []);
  return { data, error, validating, refresh };
}
