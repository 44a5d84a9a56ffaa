"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import useSWR from "swr";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import type { AccessView } from "@/lib/access/view";
import { Countdown } from "./countdown";
import { DoorButton, type DoorPhase } from "./door-button";
import { LocationCard } from "./location-card";
import { StateNotice } from "./state-notice";
import { useGeolocation } from "./use-geolocation";
import { useOnline } from "./use-online";

type Props = { token: string; initial: AccessView; validityText: { from: string; until: string } };

class AccessFetchError extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

async function fetchView([url, token]: [string, string]): Promise<AccessView> {
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
    cache: "no-store",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: ErrorCode } } | null;
    throw new AccessFetchError(body?.error?.code ?? "kisi_unavailable");
  }
  return (await res.json()) as AccessView;
}

/**
 * Everything on the guest's page that changes while it is open: the countdown that turns a
 * scheduled link active without a reload, door status refreshed every 15 s, the geofence, and
 * each door's unlock with visible, spoken and haptic feedback.
 */
export function AccessPanel({ token, initial, validityText }: Props) {
  const t = useTranslations("AccessPage");
  const tErrors = useTranslations("Errors");
  const online = useOnline();
  const geo = useGeolocation();
  const [started, setStarted] = useState(initial.link.state !== "scheduled");
  const [stateOverride, setStateOverride] = useState<"expired" | "revoked" | null>(null);
  const [phases, setPhases] = useState<Record<number, { phase: DoorPhase; message?: string }>>({});
  const [announcement, setAnnouncement] = useState("");

  const { data, error, mutate } = useSWR(started ? ["/api/access/doors", token] : null, fetchView, {
    fallbackData: initial.link.state === "active" ? initial : undefined,
    // While the server still says "scheduled" (the phone's clock ran ahead), ask again soon.
    refreshInterval: (latest) => (latest?.link.state === "scheduled" ? 1_000 : 15_000),
    revalidateOnMount: initial.link.state !== "active",
  });
  const view = data ?? initial;
  const fetchCode = error instanceof AccessFetchError ? error.code : null;
  const state =
    stateOverride ??
    (fetchCode === "revoked" || fetchCode === "expired" ? fetchCode : view.link.state);
  const doorsError = fetchCode ?? view.doorsError;
  const onCountdownDone = useCallback(() => setStarted(true), []);

  const message = (code: ErrorCode) => tErrors(ERROR_CODES[code].message);

  async function open(door: AccessView["doors"][number]) {
    setPhases((p) => ({ ...p, [door.id]: { phase: "opening" } }));
    let body: Record<string, number> = {};
    // The location is sent only for a door that asks for it.
    if (door.geofenced) {
      const fix = await geo.current((view.geofence.maxAgeS - 10) * 1000);
      if (fix)
        body = {
          latitude: fix.latitude,
          longitude: fix.longitude,
          accuracy: fix.accuracy,
          capturedAt: Math.round(fix.timestamp),
        };
    }
    let code: ErrorCode | null = null;
    try {
      const res = await fetch(`/api/access/doors/${door.id}/unlock`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok)
        code =
          ((await res.json().catch(() => null)) as { error?: { code?: ErrorCode } } | null)?.error
            ?.code ?? "kisi_unavailable";
    } catch {
      code = "kisi_unavailable";
    }
    if (code === null) {
      setPhases((p) => ({ ...p, [door.id]: { phase: "opened" } }));
      setAnnouncement(t("announce.unlocked", { door: door.name }));
      navigator.vibrate?.(200);
      setTimeout(() => setPhases((p) => ({ ...p, [door.id]: { phase: "idle" } })), 6_000);
      return;
    }
    if (code === "revoked" || code === "expired") setStateOverride(code);
    setPhases((p) => ({ ...p, [door.id]: { phase: "failed", message: message(code) } }));
    setAnnouncement(t("announce.failed", { door: door.name, reason: message(code) }));
    if (code === "door_offline" || code === "locked_down") void mutate();
  }

  if (state === "expired" || state === "revoked") {
    return <StateNotice state={state} studioName={view.studio.name} until={validityText.until} />;
  }

  const located = geo.status === "ready";
  return (
    <div className="space-y-6">
      {!online && (
        <p role="status" className="rounded-xl bg-ink px-4 py-3 font-medium text-surface">
          {t("offline")}
        </p>
      )}
      {state === "scheduled" && !data?.doors.length ? (
        <section aria-labelledby="scheduled-heading" className="space-y-2">
          <h2 id="scheduled-heading" className="text-xl font-semibold">
            {t("states.scheduledTitle")}
          </h2>
          <p>{t("states.scheduledBody", { from: validityText.from })}</p>
          <Countdown until={view.link.validFrom} onDone={onCountdownDone} />
        </section>
      ) : (
        <>
          {view.geofence.enabled && (
            <LocationCard
              studioName={view.studio.name}
              geofence={view.geofence}
              status={geo.status}
              fix={geo.fix}
              onShare={geo.start}
            />
          )}
          <section aria-labelledby="doors-heading" className="space-y-3">
            <h2 id="doors-heading" className="text-xl font-semibold">
              {t("doorsHeading")}
            </h2>
            {doorsError && doorsError !== "revoked" && doorsError !== "expired" ? (
              <div role="alert" className="space-y-3">
                <p>{message(doorsError)}</p>
                <button
                  type="button"
                  onClick={() => void mutate()}
                  className="min-h-12 rounded-xl border-2 border-brand-text px-4 font-semibold text-brand-text"
                >
                  {t("retry")}
                </button>
              </div>
            ) : view.doors.length === 0 ? (
              <p>{t("noDoors")}</p>
            ) : (
              <>
                <p className="text-ink-muted">{t("intro")}</p>
                <ul className="space-y-3">
                  {view.doors.map((door) => (
                    <li key={door.id}>
                      <DoorButton
                        door={door}
                        phase={phases[door.id]?.phase ?? "idle"}
                        message={phases[door.id]?.message}
                        disabled={!online || (door.geofenced && !located)}
                        onOpen={() => void open(door)}
                      />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
      <p aria-live="assertive" aria-atomic="true" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
