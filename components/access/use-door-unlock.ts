"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { ApiRequestError } from "@/lib/contracts/client";
import { visitorApi } from "@/lib/contracts/visitor-client";

/**
 * One door's unlock as the guest experiences it. `busy` is a refusal the server marks as
 * retryable (Kisi's pace, Kisi briefly unreachable, our database briefly unavailable): the page
 * keeps trying on its own, with backoff and jitter, so a class arriving at once sees "busy" and
 * then "open" — never an error for a queue. `uncertain`: Kisi may have opened the door but never
 * confirmed it, so it is not retried blindly.
 */
export type DoorPhase =
  | { phase: "idle" }
  | { phase: "locating" }
  | { phase: "opening" }
  /** Waiting its turn for Kisi behind other guests' taps (the server says where it stands). */
  | { phase: "queued"; position: number; etaSeconds: number }
  | { phase: "busy"; attempt: number }
  | { phase: "opened" }
  | { phase: "failed"; code: ErrorCode }
  | { phase: "uncertain" };

export type UnlockBody = {
  latitude?: number;
  longitude?: number;
  accuracy?: number;
  capturedAt?: number;
};

/** Refusals worth waiting out: nothing was opened, and a moment later it may work. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  "rate_limited",
  "kisi_unavailable",
  "service_unavailable",
]);
/** How long a tap keeps retrying in all before it fails clearly (the guest is still waiting). */
export const RETRY_DEADLINE_MS = 25_000;
/** How long a tap may take before the page asks where it stands in the queue, then how often. */
export const QUEUE_POLL_AFTER_MS = 800;
export const QUEUE_POLL_EVERY_MS = 1_000;
/** How long a door shows "open" before it is ready again (Kisi does not say how long it stays open). */
export const OPEN_SHOWN_MS = 6_000;

/** Full-jitter exponential backoff, at least what the server asked for (Retry-After). */
export function retryDelayMs(
  attempt: number,
  retryAfterSeconds: number | null,
  // eslint-disable-next-line no-restricted-properties -- jitter only: spreads a class's retries apart
  random = Math.random,
) {
  const base = Math.min(8_000, 1_000 * 2 ** (attempt - 1));
  const floor = (retryAfterSeconds ?? 0) * 1_000;
  return Math.max(floor, Math.round(base * (0.5 + random() * 0.5)));
}

type Outcome = { ok: true } | { ok: false; code: ErrorCode; retryAfterSeconds: number | null };

async function postUnlock(
  token: string,
  doorId: number,
  body: UnlockBody,
  signal: AbortSignal,
): Promise<Outcome> {
  try {
    await visitorApi.unlock(token, doorId, body, signal);
    return { ok: true };
  } catch (error) {
    if (signal.aborted) throw new DOMException("stopped", "AbortError");
    // No answer at all (the connection dropped): the request may have reached the server.
    if (!(error instanceof ApiRequestError) || error.status === 0)
      return { ok: false, code: "unlock_unconfirmed", retryAfterSeconds: null };
    return {
      ok: false,
      code: error.code in ERROR_CODES ? (error.code as ErrorCode) : "kisi_unavailable",
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
}

type QueueAnswer = Awaited<ReturnType<typeof visitorApi.queue>>;

/** Where the tap stands, or null when the server could not say (the tap itself goes on). */
function askQueue(token: string, doorId: number, signal: AbortSignal) {
  return visitorApi.queue(token, doorId, signal).catch(() => null);
}

/**
 * While a tap is on its way, asks every second where it stands once it has taken a moment, and
 * reports a place in the queue; stops when the tap is answered (`signal`).
 */
function watchQueue(
  token: string,
  doorId: number,
  signal: AbortSignal,
  onPlace: (place: QueueAnswer) => void,
) {
  let timer = setTimeout(async function poll() {
    const place = await askQueue(token, doorId, signal);
    if (signal.aborted) return;
    if (place) onPlace(place);
    timer = setTimeout(poll, QUEUE_POLL_EVERY_MS);
  }, QUEUE_POLL_AFTER_MS);
  signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const id = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(id);
      reject(new DOMException("stopped", "AbortError"));
    });
  });

export function useDoorUnlock(
  token: string,
  onSettled: (doorId: number, phase: DoorPhase) => void,
) {
  const [phases, setPhases] = useState<Record<number, DoorPhase>>({});
  const controllers = useRef(new Map<number, AbortController>());
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  }, [onSettled]);

  useEffect(() => {
    const running = controllers.current;
    const pending = timers.current;
    return () => {
      for (const c of running.values()) c.abort();
      for (const t of pending.values()) clearTimeout(t);
    };
  }, []);

  const set = useCallback((doorId: number, phase: DoorPhase) => {
    setPhases((p) => ({ ...p, [doorId]: phase }));
  }, []);

  /**
   * Opens a door: `prepare` runs first (e.g. finding the location) and returns the body to send,
   * or null when the tap cannot go on (the page then shows why, from the door's availability).
   */
  const open = useCallback(
    async (doorId: number, prepare: () => Promise<UnlockBody | null>) => {
      if (controllers.current.has(doorId)) return; // a double tap: the first one is running
      const controller = new AbortController();
      controllers.current.set(doorId, controller);
      clearTimeout(timers.current.get(doorId));
      const started = Date.now();
      try {
        set(doorId, { phase: "locating" });
        const body = await prepare();
        if (body === null) return set(doorId, { phase: "idle" });
        set(doorId, { phase: "opening" });
        for (let attempt = 1; ; attempt++) {
          // Each retry takes a fresh body: a watched location may have moved on.
          const next = attempt === 1 ? body : ((await prepare()) ?? body);
          const answered = new AbortController();
          const stop = () => answered.abort();
          controller.signal.addEventListener("abort", stop, { once: true });
          let announced = false;
          watchQueue(token, doorId, answered.signal, (place) => {
            if (!place.queued) return;
            const queued: DoorPhase = {
              phase: "queued",
              position: place.position,
              etaSeconds: place.etaSeconds,
            };
            set(doorId, queued);
            // Said once per tap: a screen reader reading out every second would drown the page.
            if (!announced) settled.current(doorId, queued);
            announced = true;
          });
          const outcome = await postUnlock(token, doorId, next, controller.signal).finally(() => {
            stop();
            controller.signal.removeEventListener("abort", stop);
          });
          if (outcome.ok) {
            const phase: DoorPhase = { phase: "opened" };
            set(doorId, phase);
            settled.current(doorId, phase);
            timers.current.set(
              doorId,
              setTimeout(() => set(doorId, { phase: "idle" }), OPEN_SHOWN_MS),
            );
            return;
          }
          const wait = retryDelayMs(attempt, outcome.retryAfterSeconds);
          if (!RETRYABLE.has(outcome.code) || Date.now() + wait - started > RETRY_DEADLINE_MS) {
            const phase: DoorPhase =
              outcome.code === "unlock_unconfirmed"
                ? { phase: "uncertain" }
                : { phase: "failed", code: outcome.code };
            set(doorId, phase);
            settled.current(doorId, phase);
            return;
          }
          const busy: DoorPhase = { phase: "busy", attempt };
          set(doorId, busy);
          if (attempt === 1) settled.current(doorId, busy);
          await sleep(wait, controller.signal);
        }
      } catch (error) {
        if ((error as Error)?.name !== "AbortError") throw error;
      } finally {
        controllers.current.delete(doorId);
      }
    },
    [token, set],
  );

  return { phases, open };
}
