"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useApi } from "@/components/api/use-api";
import { listDoors, updateStudio } from "@/lib/contracts/studios";
import type { Result } from "@/lib/contracts/define";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { GEOFENCE_LIMITS } from "@/lib/schemas/studios";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Button } from "@/components/ui/button";
import { DoorOverrides } from "./door-overrides";
import { inputClass, TextField, SaveBar, SettingsSection, StatusLine } from "./fields";
import { GeofenceSchematic } from "./geofence-schematic";
import { SharedDoorsWarning } from "./shared-doors-warning";
import { useUnsaved } from "./unsaved-changes";
import { useSave, type SaveStatus } from "./use-save";

export type DoorsResponse = Result<typeof listDoors>;

/** The slider's end: most fences are a building or a block; the field takes up to 5 km. */
const RADIUS_SLIDER_MAX = 1_000;

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const toNumberOrNull = (v: string) => (v.trim() === "" ? null : Number(v));

/** The studio's geofence and a schematic of it (the doors' own fences are on the Doors tab). */
export function GeofenceSettings({ initial }: { initial: StudioSettingsView }) {
  const t = useTranslations("SettingsPage");
  const g = initial.geofence;
  const ready = initial.kisi.connected && initial.kisi.groupId !== null;
  const doors = useApi(listDoors, ready ? { params: { studioId: initial.id } } : null, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const { status, errors, send, setStatus } = useSave();
  const [enabled, setEnabled] = useState(g.enabled);
  const [values, setValues] = useState({
    latitude: num(g.latitude),
    longitude: num(g.longitude),
    radiusM: String(g.radiusM),
    maxAccuracyM: String(g.maxAccuracyM),
    maxAgeS: String(g.maxAgeS),
  });
  const tSections = useTranslations("SettingsSections");
  const initialValues = {
    enabled: g.enabled,
    latitude: num(g.latitude),
    longitude: num(g.longitude),
    radiusM: String(g.radiusM),
    maxAccuracyM: String(g.maxAccuracyM),
    maxAgeS: String(g.maxAgeS),
  };
  const [savedValues, setSavedValues] = useState(initialValues);
  const dirty = JSON.stringify({ enabled, ...values }) !== JSON.stringify(savedValues);
  useUnsaved(dirty);
  const [locating, setLocating] = useState<SaveStatus>({ kind: "idle" });
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  function useMyLocation() {
    if (!navigator.geolocation) {
      setLocating({ kind: "error", message: t("geofence.locationUnavailable") });
      return;
    }
    setLocating({ kind: "saving", message: t("geofence.locating") });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setValues((v) => ({
          ...v,
          latitude: position.coords.latitude.toFixed(6),
          longitude: position.coords.longitude.toFixed(6),
        }));
        setLocating({
          kind: "saved",
          message: t("geofence.located", { accuracy: Math.round(position.coords.accuracy) }),
        });
      },
      () => setLocating({ kind: "error", message: t("geofence.locationDenied") }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    );
  }

  function usePlace() {
    const place = doors.data?.place;
    if (!place) return;
    setValues((v) => ({
      ...v,
      latitude: place.latitude.toFixed(6),
      longitude: place.longitude.toFixed(6),
    }));
    setLocating({ kind: "saved", message: t("geofence.placeUsed", { place: place.name }) });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const latitude = toNumberOrNull(values.latitude);
    const longitude = toNumberOrNull(values.longitude);
    if (Number.isNaN(latitude) || Number.isNaN(longitude)) {
      setStatus({ kind: "error", message: t("geofence.badCoordinates") });
      return;
    }
    const saved = await send(
      updateStudio,
      {
        params: { studioId: initial.id },
        body: {
          geofence: {
            enabled,
            latitude,
            longitude,
            radiusM: Number(values.radiusM),
            maxAccuracyM: Number(values.maxAccuracyM),
            maxAgeS: Number(values.maxAgeS),
          },
        },
      },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
    );
    // The fence changed: so may the doors it shares with other studios, and their fence.
    if (saved) {
      setSavedValues({ enabled, ...values });
      await doors.mutate();
    }
  }
  const err = (field: string) => errors[`geofence.${field}`];

  return (
    <SettingsSection
      id="geofence"
      title={t("geofence.heading")}
      description={t("geofence.description")}
    >
      <div className="space-y-8">
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
          <label className="flex min-h-11 items-center gap-3 font-medium sm:col-span-2">
            <input
              type="checkbox"
              name="enabled"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              className="size-5"
            />
            {t("geofence.enabled")}
          </label>
          <fieldset className="space-y-3 sm:col-span-2">
            <legend className="font-medium">{t("geofence.centre")}</legend>
            <p className="text-sm text-ink-muted">{t("geofence.centreHint")}</p>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                id="settings-latitude"
                label={t("geofence.latitude")}
                error={err("latitude")}
                inputMode="decimal"
                value={values.latitude}
                onChange={set("latitude")}
                inputClassName={inputClass}
              />
              <TextField
                id="settings-longitude"
                label={t("geofence.longitude")}
                error={err("longitude")}
                inputMode="decimal"
                value={values.longitude}
                onChange={set("longitude")}
                inputClassName={inputClass}
              />
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {doors.data?.place && (
                <Button size="md" onClick={usePlace}>
                  {t("geofence.usePlace")}
                </Button>
              )}
              <Button size="md" onClick={useMyLocation}>
                {t("geofence.useMine")}
              </Button>
              <StatusLine status={locating} />
            </div>
          </fieldset>
          <div className="space-y-2 sm:col-span-2">
            <TextField
              id="settings-radius"
              label={t("geofence.radius")}
              hint={t("geofence.radiusHint")}
              error={err("radiusM")}
              type="number"
              inputMode="numeric"
              min={GEOFENCE_LIMITS.radiusM.min}
              max={GEOFENCE_LIMITS.radiusM.max}
              value={values.radiusM}
              onChange={set("radiusM")}
              inputClassName={`${inputClass} max-w-40`}
            />
            {/* The same value as a slider, for a thumb on a tablet; the field above stays exact. */}
            <input
              type="range"
              aria-label={tSections("radiusSlider")}
              aria-valuetext={tSections("metres", { metres: Number(values.radiusM) || 0 })}
              min={GEOFENCE_LIMITS.radiusM.min}
              max={RADIUS_SLIDER_MAX}
              step={10}
              value={Math.min(Number(values.radiusM) || 0, RADIUS_SLIDER_MAX)}
              onChange={set("radiusM")}
              className="h-11 w-full accent-[var(--brand-primary,#1d4ed8)]"
            />
            <p aria-hidden="true" className="flex justify-between text-xs text-ink-muted">
              <span>{tSections("metres", { metres: GEOFENCE_LIMITS.radiusM.min })}</span>
              <span>{tSections("metres", { metres: RADIUS_SLIDER_MAX })}</span>
            </p>
          </div>
          <details className="rounded-lg border border-ink/15 p-3 sm:col-span-2">
            <summary className="min-h-11 cursor-pointer content-center font-medium">
              {tSections("advanced")}
            </summary>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              <TextField
                id="settings-accuracy"
                label={t("geofence.maxAccuracy")}
                hint={t("geofence.maxAccuracyHint")}
                error={err("maxAccuracyM")}
                type="number"
                inputMode="numeric"
                min={GEOFENCE_LIMITS.maxAccuracyM.min}
                max={GEOFENCE_LIMITS.maxAccuracyM.max}
                value={values.maxAccuracyM}
                onChange={set("maxAccuracyM")}
                inputClassName={inputClass}
              />
              <TextField
                id="settings-max-age"
                label={t("geofence.maxAge")}
                hint={t("geofence.maxAgeHint")}
                error={err("maxAgeS")}
                type="number"
                inputMode="numeric"
                min={GEOFENCE_LIMITS.maxAgeS.min}
                max={GEOFENCE_LIMITS.maxAgeS.max}
                value={values.maxAgeS}
                onChange={set("maxAgeS")}
                inputClassName={inputClass}
              />
            </div>
          </details>
          <GeofenceSchematic
            enabled={enabled}
            radiusM={Number(values.radiusM)}
            maxAccuracyM={Number(values.maxAccuracyM)}
          />
          <SaveBar
            label={t("geofence.save")}
            status={status}
            dirty={dirty}
            unsavedLabel={tSections("unsaved")}
          />
        </form>
      </div>
    </SettingsSection>
  );
}

/** The doors of the studio's group: display names per language and each door's own geofence. */
export function DoorsSettings({ initial }: { initial: StudioSettingsView }) {
  const t = useTranslations("SettingsSections");
  const ready = initial.kisi.connected && initial.kisi.groupId !== null;
  // The same request (and cache entry) as the geofence tab's: one Kisi call for both.
  const doors = useApi(listDoors, ready ? { params: { studioId: initial.id } } : null, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  return (
    <SettingsSection id="doors" title={t("tabs.doors")} description={t("doorsIntro")}>
      <div className="space-y-8">
        <SharedDoorsWarning doors={doors.data?.sharedDoors} />
        <DoorOverrides
          studioId={initial.id}
          studioLocale={isLocale(initial.defaultLocale) ? initial.defaultLocale : DEFAULT_LOCALE}
          ready={ready}
          doors={doors}
        />
      </div>
    </SettingsSection>
  );
}
