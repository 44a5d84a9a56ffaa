"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { useApi } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { listDoors, updateStudio } from "@/lib/contracts/studios";
import type { Result } from "@/lib/contracts/define";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { inputLimits, numberRange } from "@/lib/schemas/limits";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Button } from "@/components/ui/button";
import { DoorOverrides } from "./door-overrides";
import { inputClass, TextField, SaveBar, SettingsSection, StatusLine } from "./fields";
import { GeofenceSchematic } from "./geofence-schematic";
import { SharedDoorsWarning } from "./shared-doors-warning";
import { useUnsaved } from "./unsaved-changes";
import { useSave, type SaveStatus } from "./use-save";

/** MapLibre is loaded only here, and only with a style configured: no other page carries it. */
const GeofenceMap = dynamic(() => import("./geofence-map"), { ssr: false });

export type DoorsResponse = Result<typeof listDoors>;

/** The slider's end: most fences are a building or a block; the field takes the schema's max. */
const RADIUS_SLIDER_END = 1_000;

/** The fence's rules, straight from the contract: every range below is read from it. */
const FENCE = updateStudio.body.shape.geofence.unwrap().shape;
const RADIUS = numberRange(FENCE.radiusM);
const SLIDER = { min: RADIUS.min, max: Math.min(RADIUS_SLIDER_END, RADIUS.max) };

/** An empty coordinate is `null` (the Kisi place's location is used); text that is no number stays NaN. */
const coordinate = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? null : Number(value);

type FenceField = keyof typeof FENCE;
type Geofence = StudioSettingsView["geofence"];

function fenceValues(g: Geofence) {
  return {
    geofence: {
      enabled: g.enabled,
      latitude: g.latitude,
      longitude: g.longitude,
      radiusM: g.radiusM,
      maxAccuracyM: g.maxAccuracyM,
      maxAgeS: g.maxAgeS,
    },
  };
}

/** The studio's geofence and a schematic of it (the doors' own fences are on the Doors tab). */
export function GeofenceSettings({
  initial,
  mapStyleUrl = null,
}: {
  initial: StudioSettingsView;
  /** LATCHKEY_MAP_STYLE_URL: a map to drag the centre on; null: the sketch. */
  mapStyleUrl?: string | null;
}) {
  const t = useTranslations("SettingsPage");
  const ready = initial.kisi.connected && initial.kisi.groupId !== null;
  const doors = useApi(listDoors, ready ? { params: { studioId: initial.id } } : null, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const { status, send } = useSave();
  const form = useContractForm(updateStudio.body, fenceValues(initial.geofence));
  const tSections = useTranslations("SettingsSections");
  const dirty = form.formState.isDirty;
  useUnsaved(dirty);
  const [locating, setLocating] = useState<SaveStatus>({ kind: "idle" });
  const fence = form.watch("geofence");
  const radiusM = Number(fence?.radiusM);
  const maxAccuracyM = Number(fence?.maxAccuracyM);
  const change = { shouldDirty: true, shouldTouch: true, shouldValidate: true } as const;
  const [mapUnavailable, setMapUnavailable] = useState(false);
  const latitude = fence?.latitude;
  const longitude = fence?.longitude;
  const centre = useMemo(
    () =>
      typeof latitude === "number" &&
      typeof longitude === "number" &&
      FENCE.latitude.safeParse(latitude).success &&
      FENCE.longitude.safeParse(longitude).success
        ? { latitude, longitude }
        : null,
    [latitude, longitude],
  );
  const place = doors.data?.place;
  const placeCentre = useMemo(
    () => (place ? { latitude: place.latitude, longitude: place.longitude } : null),
    [place],
  );

  function setCentre(latitude: number, longitude: number) {
    form.setValue("geofence.latitude", Number(latitude.toFixed(6)), change);
    form.setValue("geofence.longitude", Number(longitude.toFixed(6)), change);
  }

  function useMyLocation() {
    if (!navigator.geolocation) {
      setLocating({ kind: "error", message: t("geofence.locationUnavailable") });
      return;
    }
    setLocating({ kind: "saving", message: t("geofence.locating") });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setCentre(position.coords.latitude, position.coords.longitude);
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
    setCentre(place.latitude, place.longitude);
    setLocating({ kind: "saved", message: t("geofence.placeUsed", { place: place.name }) });
  }

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = await send(
      updateStudio,
      { params: { studioId: initial.id }, body: { geofence: body.geofence } },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
      form.applyServerError,
    );
    // The fence changed: so may the doors it shares with other studios, and their fence.
    if (saved) {
      form.reset(fenceValues(saved.geofence));
      await doors.mutate();
    }
  });
  const err = (field: FenceField) => {
    const error = form.formState.errors.geofence?.[field];
    if (!error) return undefined;
    const coordinateField = field === "latitude" || field === "longitude";
    // Text that is no number: said in words, not as zod's "expected number, received NaN".
    if (error.type === "invalid_type" && coordinateField) return t("geofence.badCoordinates");
    // A number out of range, or none: the range itself, from the schema that refused it.
    if (error.type === "too_big" || error.type === "too_small" || error.type === "invalid_type") {
      const { min, max } = inputLimits(FENCE[field]);
      if (min !== undefined && max !== undefined) {
        return tSections("numberRange", { min, max });
      }
    }
    return form.message(error.message);
  };
  const numeric = (field: "radiusM" | "maxAccuracyM" | "maxAgeS") => ({
    ...form.register(`geofence.${field}`, { valueAsNumber: true }),
    ...inputLimits(FENCE[field]),
    type: "number",
    inputMode: "numeric" as const,
    error: err(field),
  });

  return (
    <SettingsSection
      id="geofence"
      title={t("geofence.heading")}
      description={t("geofence.description")}
    >
      <div className="space-y-8">
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
          <label className="flex min-h-11 items-center gap-3 font-medium sm:col-span-2">
            <input type="checkbox" {...form.register("geofence.enabled")} className="size-5" />
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
                {...form.register("geofence.latitude", { setValueAs: coordinate })}
                inputClassName={inputClass}
              />
              <TextField
                id="settings-longitude"
                label={t("geofence.longitude")}
                error={err("longitude")}
                inputMode="decimal"
                {...form.register("geofence.longitude", { setValueAs: coordinate })}
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
              {...numeric("radiusM")}
              inputClassName={`${inputClass} max-w-40`}
            />
            {/* The same value as a slider, for a thumb on a tablet; the field above stays exact. */}
            <input
              type="range"
              aria-label={tSections("radiusSlider")}
              aria-valuetext={tSections("metres", { metres: radiusM || 0 })}
              min={SLIDER.min}
              max={SLIDER.max}
              step={10}
              value={Math.min(radiusM || 0, SLIDER.max)}
              onChange={(e) => form.setValue("geofence.radiusM", Number(e.target.value), change)}
              className="h-11 w-full accent-[var(--brand-primary,#1d4ed8)]"
            />
            <p aria-hidden="true" className="flex justify-between text-xs text-ink-muted">
              <span>{tSections("metres", { metres: SLIDER.min })}</span>
              <span>{tSections("metres", { metres: SLIDER.max })}</span>
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
                {...numeric("maxAccuracyM")}
                inputClassName={inputClass}
              />
              <TextField
                id="settings-max-age"
                label={t("geofence.maxAge")}
                hint={t("geofence.maxAgeHint")}
                {...numeric("maxAgeS")}
                inputClassName={inputClass}
              />
            </div>
          </details>
          {mapStyleUrl && !mapUnavailable ? (
            <GeofenceMap
              styleUrl={mapStyleUrl}
              centre={centre}
              fallbackCentre={placeCentre}
              radiusM={radiusM}
              onCentre={(c) => setCentre(c.latitude, c.longitude)}
              onUnavailable={() => setMapUnavailable(true)}
            />
          ) : (
            <div className="space-y-2 sm:col-span-2">
              {mapUnavailable && (
                <p data-testid="geofence-map-unavailable" className="text-sm text-ink-muted">
                  {tSections("map.unavailable")}
                </p>
              )}
              <GeofenceSchematic
                enabled={Boolean(fence?.enabled)}
                radiusM={radiusM}
                maxAccuracyM={maxAccuracyM}
              />
            </div>
          )}
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
