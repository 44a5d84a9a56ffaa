"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { mutate, type SWRResponse } from "swr";
import { apiKey } from "@/components/api/use-api";
import { listDoors, setDoor } from "@/lib/contracts/studios";
import type { Locale } from "@/lib/i18n/locales";
import { GEOFENCE_LIMITS, SHARED_OPEN_LIMITS } from "@/lib/schemas/studios";
import { Button } from "@/components/ui/button";
import { DoorNamesEditor, doorNameValues } from "./door-names-editor";
import { inputClass, TextField, SaveBar } from "./fields";
import type { DoorsResponse } from "./geofence-settings";
import { useSave } from "./use-save";

type Mode = DoorsResponse["doors"][number]["override"]["mode"];
const MODES: Mode[] = ["inherit", "off", "custom"];

/**
 * Each door of the studio's Kisi group, with its override of the studio's geofence and its
 * display names per language (the studio's `studioLocale` first).
 */
export function DoorOverrides({
  studioId,
  studioLocale,
  ready,
  doors,
}: {
  studioId: string;
  studioLocale: Locale;
  ready: boolean;
  doors: SWRResponse<DoorsResponse, Error>;
}) {
  const t = useTranslations("SettingsPage.doors");
  return (
    <section aria-labelledby="doors-heading" className="space-y-3">
      <h3 id="doors-heading" className="text-lg font-semibold">
        {t("heading")}
      </h3>
      {!ready ? (
        <p className="text-ink-muted">{t("notReady")}</p>
      ) : doors.error ? (
        <div role="alert" className="space-y-2">
          <p className="font-medium text-red-800">{t("failed", { reason: doors.error.message })}</p>
          <Button size="md" onClick={() => doors.mutate()}>
            {t("retry")}
          </Button>
        </div>
      ) : !doors.data ? (
        <p role="status" aria-live="polite" className="text-ink-muted">
          {t("loading")}
        </p>
      ) : doors.data.doors.length === 0 ? (
        <p className="text-ink-muted">{t("none")}</p>
      ) : (
        <ul className="space-y-4">
          {doors.data.doors.map((door) => (
            <li key={door.id}>
              <DoorForm
                studioId={studioId}
                studioLocale={studioLocale}
                door={door}
                sharedOpenDefault={doors.data!.sharedOpenDefault}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DoorForm({
  studioId,
  studioLocale,
  door,
  sharedOpenDefault,
}: {
  studioId: string;
  studioLocale: Locale;
  door: DoorsResponse["doors"][number];
  /** The deployment's window, what an empty field means. */
  sharedOpenDefault: number;
}) {
  const t = useTranslations("SettingsPage");
  const { status, errors, send } = useSave();
  const o = door.override;
  const [mode, setMode] = useState<Mode>(o.mode);
  const custom = o.mode === "custom" ? o : null;
  const [values, setValues] = useState({
    radiusM: String(custom?.radiusM ?? 50),
    maxAccuracyM: custom?.maxAccuracyM ? String(custom.maxAccuracyM) : "",
    latitude: custom?.latitude != null ? String(custom.latitude) : "",
    longitude: custom?.longitude != null ? String(custom.longitude) : "",
  });
  const [names, setNames] = useState(() => doorNameValues(door.displayNames));
  const [sharedOpen, setSharedOpen] = useState(
    door.sharedOpenSeconds === null ? "" : String(door.sharedOpenSeconds),
  );
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const orNull = (v: string) => (v.trim() === "" ? null : Number(v));
  const base = `door-${door.id}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Every language is sent: an emptied field removes that language's name. An empty window
    // is the deployment's default (null); a number that is not whole is the server's to refuse.
    const sharedOpenSeconds = sharedOpen.trim() === "" ? null : Number(sharedOpen);
    const json =
      mode === "custom"
        ? {
            lockId: door.id,
            mode,
            radiusM: Number(values.radiusM),
            maxAccuracyM: orNull(values.maxAccuracyM),
            latitude: orNull(values.latitude),
            longitude: orNull(values.longitude),
            displayNames: names,
            sharedOpenSeconds,
          }
        : { lockId: door.id, mode, displayNames: names, sharedOpenSeconds };
    const saved = await send(
      setDoor,
      { params: { studioId }, body: json },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
    );
    // Show what was stored (trimmed, emptied languages gone), not what was typed.
    if (!saved) return;
    setNames(doorNameValues(saved.displayNames));
    setSharedOpen(saved.sharedOpenSeconds === null ? "" : String(saved.sharedOpenSeconds));
    // A door's own fence can make it differ from (or match) another studio's: warning again.
    await mutate(apiKey(listDoors, { params: { studioId } }));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${base}-name`}
      className="grid gap-3 rounded-xl border border-ink/15 p-3 sm:grid-cols-2"
    >
      <fieldset className="space-y-1 sm:col-span-2">
        <legend id={`${base}-name`} className="font-semibold">
          {door.name}
        </legend>
        <div className="flex flex-wrap gap-2">
          {MODES.map((m) => (
            <label
              key={m}
              className="flex min-h-11 items-center gap-2 rounded-lg border border-ink/30 px-3"
            >
              <input
                type="radio"
                name={`${base}-mode`}
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {t(`doors.modes.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "custom" && (
        <>
          <TextField
            id={`${base}-radius`}
            label={t("geofence.radius")}
            error={errors.radiusM}
            type="number"
            inputMode="numeric"
            min={GEOFENCE_LIMITS.radiusM.min}
            max={GEOFENCE_LIMITS.radiusM.max}
            value={values.radiusM}
            onChange={set("radiusM")}
            inputClassName={inputClass}
          />
          <TextField
            id={`${base}-accuracy`}
            label={t("geofence.maxAccuracy")}
            hint={t("doors.inheritHint")}
            error={errors.maxAccuracyM}
            type="number"
            inputMode="numeric"
            min={GEOFENCE_LIMITS.maxAccuracyM.min}
            max={GEOFENCE_LIMITS.maxAccuracyM.max}
            value={values.maxAccuracyM}
            onChange={set("maxAccuracyM")}
            inputClassName={inputClass}
          />
          <TextField
            id={`${base}-latitude`}
            label={t("geofence.latitude")}
            hint={t("doors.inheritHint")}
            error={errors.latitude}
            inputMode="decimal"
            value={values.latitude}
            onChange={set("latitude")}
            inputClassName={inputClass}
          />
          <TextField
            id={`${base}-longitude`}
            label={t("geofence.longitude")}
            hint={t("doors.inheritHint")}
            error={errors.longitude}
            inputMode="decimal"
            value={values.longitude}
            onChange={set("longitude")}
            inputClassName={inputClass}
          />
        </>
      )}
      <TextField
        id={`${base}-shared-open`}
        label={t("doors.sharedOpen")}
        hint={t("doors.sharedOpenHint", {
          fallback:
            sharedOpenDefault === 0
              ? t("doors.sharedOpenDefaultOff")
              : t("doors.sharedOpenDefaultSeconds", { seconds: sharedOpenDefault }),
        })}
        error={errors.sharedOpenSeconds}
        type="number"
        inputMode="numeric"
        min={SHARED_OPEN_LIMITS.min}
        max={SHARED_OPEN_LIMITS.max}
        placeholder={String(sharedOpenDefault)}
        value={sharedOpen}
        onChange={(e) => setSharedOpen(e.target.value)}
        inputClassName={`${inputClass} max-w-40`}
        className="sm:col-span-2"
      />
      <DoorNamesEditor
        base={base}
        kisiName={door.name}
        studioLocale={studioLocale}
        values={names}
        errors={errors}
        onChange={(locale, value) => setNames((n) => ({ ...n, [locale]: value }))}
      />
      <SaveBar label={t("doors.save", { door: door.name })} status={status} />
    </form>
  );
}
