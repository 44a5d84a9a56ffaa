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
import { useSave, type SaveStatus } from "./use-save";

export type DoorsResponse = Result<typeof listDoors>;

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const toNumberOrNull = (v: string) => (v.trim() === "" ? null : Number(v));

/** The studio's geofence, a schematic of it, and each door's override. */
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
    if (saved) await doors.mutate();
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
            inputClassName={inputClass}
          />
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
          <GeofenceSchematic
            enabled={enabled}
            radiusM={Number(values.radiusM)}
            maxAccuracyM={Number(values.maxAccuracyM)}
          />
          <SaveBar label={t("geofence.save")} status={status} />
        </form>
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
