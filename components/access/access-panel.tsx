"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import type { AccessDoor, AccessView } from "@/lib/access/view";
import { ApiRequestError } from "@/lib/contracts/client";
import { visitorApi } from "@/lib/contracts/visitor-client";
import { formatGuestTime } from "@/lib/time/guest-dates";
import { directionsUrl } from "./contact-actions";
import { Countdown } from "./countdown";
import { doorAvailability, isTappable } from "./door-availability";
import { DoorButton } from "./door-button";
import { Icon } from "./icons";
import { InstallHint } from "./install-hint";
import { LocationCard } from "./location-card";
import { StateNotice } from "./state-notice";
import { RuleNotice } from "./rule-notice";
import { ruleOpensAt, ruleRefusesForGood } from "./door-availability";
import { SystemStatus } from "./system-status";
import { useDoorUnlock, type DoorPhase, type UnlockBody } from "./use-door-unlock";
import { useGeolocation } from "./use-geolocation";
import { useOnline } from "./use-online";
import { useRefreshedView } from "./use-refreshed-view";

export type AccessTexts = { from: string; until: string; calendarUrl: string | null };

type Props = { token: string; initial: AccessView; texts: AccessTexts };

/** The view, or the refusal's stable code; a dropped connection stays a plain error (offline). */
async function fetchView(token: string): Promise<AccessView> {
  try {
    return await visitorApi.view(token);
  } catch (error) {
    if (!(error instanceof ApiRequestError) || error.status === 0) throw error;
    throw new AccessFetchError(
      error.code in ERROR_CODES ? (error.code as ErrorCode) : "kisi_unavailable",
    );
  }
}

class AccessFetchError extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

/** Links longer than this are temporary staff's: they get the home-screen hint. */
const LONG_LINK_MS = 24 * 3_600_000;

/** A clock for "opens in …" that ticks every second while something is counting down. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/**
 * Everything on the guest's page that changes while it is open: the doors with their state,
 * the location, the connection, Kisi's reachability (retried on its own), the countdown of a
 * scheduled link, and each unlock with visible, spoken and haptic feedback.
 */
export function AccessPanel({ token, initial, texts }: Props) {
  const t = useTranslations("AccessPage");
  const tErrors = useTranslations("Errors");
  const online = useOnline();
  const geo = useGeolocation(initial.geofence.enabled);
  const [started, setStarted] = useState(initial.link.state !== "scheduled");
  const [stateOverride, setStateOverride] = useState<"expired" | "revoked" | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [lastTried, setLastTried] = useState<number>(() => Date.parse(initial.checkedAt));

  const {
    data,
    error,
    refresh,
    validating: isValidating,
  } = useRefreshedView(started, () => fetchView(token), {
    fallbackData: initial.link.state === "active" ? initial : undefined,
    // Kisi unreachable: try again every 5 s; a scheduled link the server still calls
    // scheduled (the phone's clock ran ahead): every second; otherwise a quiet 15 s.
    refreshInterval: (latest) =>
      latest?.link.state === "scheduled" ? 1_000 : latest?.doorsError ? 5_000 : 15_000,
    errorRetryInterval: 5_000,
    revalidateOnMount: initial.link.state !== "active",
    onSettled: () => setLastTried(Date.now()),
  });
  const view = data ?? initial;
  const fetchCode = error instanceof AccessFetchError ? error.code : null;
  const state =
    stateOverride ??
    (fetchCode === "revoked" || fetchCode === "expired" ? fetchCode : view.link.state);
  // The page's own refresh being throttled says nothing about Kisi: only Kisi's answers count.
  const systemReachable =
    view.doorsError === null && (fetchCode === null || fetchCode === "rate_limited");
  const startsAt = Date.parse(view.link.validFrom);
  // Outside opening hours the doors wait for the next opening, counted down like a scheduled link.
  const opensAt = ruleOpensAt(view.rules);
  const now = useNow(state === "scheduled" || opensAt !== null);
  const onCountdownDone = useCallback(() => setStarted(true), []);

  const message = (code: ErrorCode) => tErrors(ERROR_CODES[code].message);

  const onSettled = useCallback(
    (doorId: number, phase: DoorPhase) => {
      const door = view.doors.find((d) => d.id === doorId);
      const name = door?.name ?? "";
      if (phase.phase === "opened") {
        setAnnouncement(t("announce.unlocked", { door: name }));
        navigator.vibrate?.(200);
      } else if (phase.phase === "busy") {
        setAnnouncement(t("announce.busy", { door: name }));
      } else if (phase.phase === "queued") {
        setAnnouncement(t("announce.queued", { door: name, ahead: phase.position - 1 }));
      } else if (phase.phase === "uncertain") {
        setAnnouncement(t("announce.uncertain", { door: name }));
        navigator.vibrate?.([100, 60, 100]);
      } else if (phase.phase === "failed") {
        setAnnouncement(t("announce.failed", { door: name, reason: message(phase.code) }));
        navigator.vibrate?.([100, 60, 100]);
        if (phase.code === "revoked" || phase.code === "expired") setStateOverride(phase.code);
        if (phase.code === "door_offline" || phase.code === "locked_down") refresh();
      }
    },
    // `message` and `t` are stable per render of the same locale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view.doors, refresh],
  );
  const { phases, open } = useDoorUnlock(token, onSettled);

  // A geofenced door's tap: find the position (asking the first time), and go on only when the
  // page agrees the guest is inside; the door then shows why not.
  const prepare = (door: AccessDoor) => async (): Promise<UnlockBody | null> => {
    if (!door.fence) return {};
    const fix = await geo.request(Math.max(5, view.geofence.maxAgeS - 10) * 1000);
    if (!fix) return null;
    const availability = doorAvailability({
      door,
      online,
      systemReachable: true,
      startsAt: null,
      now: Date.now(),
      geo: { status: "ready", fix },
      maxAgeS: view.geofence.maxAgeS,
    });
    if (!isTappable(availability)) return null;
    return {
      latitude: fix.latitude,
      longitude: fix.longitude,
      accuracy: fix.accuracy,
      capturedAt: Math.round(fix.timestamp),
    };
  };

  if (state === "expired" || state === "revoked") {
    return (
      <>
        <StateNotice state={state} studio={view.studio} ended={texts.until} />
        <Announcer text={announcement} />
      </>
    );
  }

  const long = Date.parse(view.link.validUntil) - startsAt > LONG_LINK_MS;
  const showDoors = view.doors.length > 0;

  return (
    <div className="space-y-4">
      {!online && (
        <p
          role="status"
          className="flex items-center gap-3 rounded-2xl bg-ink px-4 py-3 font-medium text-surface"
        >
          <Icon name="wifi-off" className="size-5" />
          {t("offline")}
        </p>
      )}
      {state === "scheduled" && (
        <section aria-labelledby="scheduled-heading" className="space-y-1">
          <h2 id="scheduled-heading" className="text-xl font-semibold">
            {t("scheduled.title")}
          </h2>
          <p>{t("scheduled.body", { from: texts.from })}</p>
          <Countdown until={view.link.validFrom} onDone={onCountdownDone} />
          {texts.calendarUrl && (
            <a
              href={texts.calendarUrl}
              download
              className="focus-ring inline-flex min-h-11 items-center gap-2 font-semibold text-brand-text underline underline-offset-4"
            >
              <Icon name="calendar" className="size-5" />
              {t("scheduled.addToCalendar")}
            </a>
          )}
        </section>
      )}
      {state === "active" && !systemReachable && (
        <SystemStatus
          // Formatted only here: building a time-zone formatter is one of the costliest things
          // the page's first render could do, and it is shown only while Kisi is unreachable.
          lastTried={formatGuestTime(new Date(lastTried), view.link.locale, view.studio.timeZone)}
          trying={isValidating}
          hasDoors={showDoors}
          onRetry={refresh}
        />
      )}
      {view.rules && state === "active" && (
        <RuleNotice
          rules={view.rules}
          locale={view.link.locale}
          timeZone={view.studio.timeZone}
          now={now}
        />
      )}
      {view.geofence.enabled && state === "active" && (
        <LocationCard
          geofence={view.geofence}
          status={geo.status}
          fix={geo.fix}
          directionsUrl={directionsUrl(view.studio.address)}
          onRetry={() => void geo.request()}
        />
      )}
      {showDoors ? (
        <section aria-labelledby="doors-heading" className="space-y-3">
          <h2 id="doors-heading" className="sr-only">
            {t("doorsHeading")}
          </h2>
          <ul className="space-y-3">
            {view.doors.map((door) => (
              <li key={door.id}>
                <DoorButton
                  door={door}
                  phase={phases[door.id] ?? { phase: "idle" }}
                  availability={doorAvailability({
                    door,
                    online,
                    systemReachable,
                    startsAt: state === "scheduled" ? startsAt : opensAt,
                    ruleRefused: ruleRefusesForGood(view.rules),
                    now,
                    geo,
                    maxAgeS: view.geofence.maxAgeS,
                  })}
                  now={now}
                  onOpen={() => void open(door.id, prepare(door))}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : (
        state === "active" && systemReachable && <p className="text-ink-muted">{t("noDoors")}</p>
      )}
      {long && state === "active" && <InstallHint />}
      <Announcer text={announcement} />
    </div>
  );
}

function Announcer({ text }: { text: string }) {
  return (
    <p aria-live="assertive" aria-atomic="true" className="sr-only">
      {text}
    </p>
  );
}
