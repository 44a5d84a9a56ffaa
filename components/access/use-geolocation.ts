"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type GeoFix = { latitude: number; longitude: number; accuracy: number; timestamp: number };
export type GeoStatus = "idle" | "locating" | "ready" | "denied" | "timeout" | "unavailable";

/** The browser's own default timeout is effectively infinite (security.md C-4). */
const TIMEOUT_MS = 10_000;
const OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 0 };

/**
 * The phone's position, asked for only when `start()` is called — after the page has said why
 * (never on load) — and then watched while the page is open.
 */
export function useGeolocation() {
  const [status, setStatus] = useState<GeoStatus>("idle");
  const [fix, setFix] = useState<GeoFix | null>(null);
  const watchId = useRef<number | null>(null);

  const onPosition = useCallback((p: GeolocationPosition) => {
    setFix({
      latitude: p.coords.latitude,
      longitude: p.coords.longitude,
      accuracy: p.coords.accuracy,
      timestamp: p.timestamp,
    });
    setStatus("ready");
  }, []);
  const onError = useCallback((e: GeolocationPositionError) => {
    setStatus(
      e.code === e.PERMISSION_DENIED ? "denied" : e.code === e.TIMEOUT ? "timeout" : "unavailable",
    );
  }, []);

  const start = useCallback(() => {
    if (!("geolocation" in navigator)) return setStatus("unavailable");
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(onPosition, onError, OPTIONS);
    if (watchId.current === null)
      watchId.current = navigator.geolocation.watchPosition(onPosition, () => undefined, OPTIONS);
  }, [onPosition, onError]);

  /** A fresh fix for an unlock: a still phone's watch may not have reported for a while. */
  const current = useCallback(
    (maxAgeMs: number): Promise<GeoFix | null> =>
      new Promise((resolve) => {
        if (fix && Date.now() - fix.timestamp < maxAgeMs) return resolve(fix);
        navigator.geolocation.getCurrentPosition(
          (p) => {
            onPosition(p);
            resolve({
              latitude: p.coords.latitude,
              longitude: p.coords.longitude,
              accuracy: p.coords.accuracy,
              timestamp: p.timestamp,
            });
          },
          (e) => {
            onError(e);
            resolve(null);
          },
          OPTIONS,
        );
      }),
    [fix, onPosition, onError],
  );

  useEffect(
    () => () => {
      if (watchId.current !== null) navigator.geolocation.clearWatch(watchId.current);
    },
    [],
  );
  return { status, fix, start, current };
}
