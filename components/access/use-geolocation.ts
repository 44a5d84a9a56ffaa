"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type GeoFix = { latitude: number; longitude: number; accuracy: number; timestamp: number };
export type GeoStatus = "idle" | "locating" | "ready" | "denied" | "timeout" | "unavailable";

/** The browser's own default timeout is effectively infinite: a tap must not hang forever. */
const TIMEOUT_MS = 10_000;
const OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 0 };

const toFix = (p: GeolocationPosition): GeoFix => ({
  latitude: p.coords.latitude,
  longitude: p.coords.longitude,
  accuracy: p.coords.accuracy,
  timestamp: p.timestamp,
});

/**
 * The phone's position. The browser's permission prompt appears only after a tap (`request()`,
 * from a door whose tap explains it), never on load; if the guest already allowed this page,
 * the position is watched from the start, so the page can say "22 m" or "too far" before any
 * tap. Once known it is watched while the page is open, so it stays fresh.
 */
export function useGeolocation(enabled: boolean) {
  const [status, setStatus] = useState<GeoStatus>("idle");
  const [fix, setFix] = useState<GeoFix | null>(null);
  const watchId = useRef<number | null>(null);
  const latest = useRef<GeoFix | null>(null);

  const onPosition = useCallback((p: GeolocationPosition) => {
    const next = toFix(p);
    latest.current = next;
    setFix(next);
    setStatus("ready");
  }, []);
  const onError = useCallback((e: GeolocationPositionError) => {
    setStatus(
      e.code === e.PERMISSION_DENIED ? "denied" : e.code === e.TIMEOUT ? "timeout" : "unavailable",
    );
  }, []);

  const watch = useCallback(() => {
    if (watchId.current === null)
      watchId.current = navigator.geolocation.watchPosition(onPosition, () => undefined, OPTIONS);
  }, [onPosition]);

  /** Asks for a fresh position (the prompt, the first time), then keeps watching. */
  const request = useCallback(
    (maxAgeMs = 0): Promise<GeoFix | null> =>
      new Promise((resolve) => {
        if (!("geolocation" in navigator)) {
          setStatus("unavailable");
          return resolve(null);
        }
        const known = latest.current;
        if (known && maxAgeMs > 0 && Date.now() - known.timestamp < maxAgeMs) return resolve(known);
        setStatus((s) => (s === "ready" ? s : "locating"));
        navigator.geolocation.getCurrentPosition(
          (p) => {
            onPosition(p);
            watch();
            resolve(toFix(p));
          },
          (e) => {
            onError(e);
            resolve(null);
          },
          OPTIONS,
        );
      }),
    [onPosition, onError, watch],
  );

  // Already allowed (a returning guest, or a phone that allows it for this site): watch at once,
  // which shows no prompt. Browsers without the Permissions API simply wait for the first tap.
  useEffect(() => {
    if (!enabled || !("geolocation" in navigator) || !navigator.permissions?.query) return;
    let cancelled = false;
    navigator.permissions
      .query({ name: "geolocation" })
      .then((permission) => {
        if (cancelled) return;
        if (permission.state === "granted") {
          setStatus("locating");
          watch();
        } else if (permission.state === "denied") setStatus("denied");
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [enabled, watch]);

  useEffect(
    () => () => {
      if (watchId.current !== null) navigator.geolocation.clearWatch(watchId.current);
    },
    [],
  );
  return { status, fix, request };
}
