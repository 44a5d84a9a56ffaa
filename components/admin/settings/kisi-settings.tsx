"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { mutate } from "swr";
import { apiKey, useApi } from "@/components/api/use-api";
import { useContractForm } from "@/components/api/use-contract-form";
import { connectKisiKey, listDoors, listKisiGroups, updateStudio } from "@/lib/contracts/studios";
import type { StudioSettingsView } from "@/lib/studios/settings";
import { Button } from "@/components/ui/button";
import { Field, inputClass, SaveBar, SettingsSection } from "./fields";
import { useSave } from "./use-save";

type Kisi = StudioSettingsView["kisi"];

/**
 * The studio's Kisi connection: the key's status (only its last four characters ever come
 * back), a write-only form to replace it, and the group its links belong to. The key and group
 * decide which doors guests get, so only owners change them (`canChange`); managers see them.
 */
export function KisiSettings({
  initial,
  canChange,
}: {
  initial: StudioSettingsView;
  canChange: boolean;
}) {
  const t = useTranslations("SettingsPage");
  const [kisi, setKisi] = useState<Kisi>(initial.kisi);
  // The header's "Not connected" badge lives in the studio layout, which a client navigation
  // does not render again: a new key or group refreshes it.
  const router = useRouter();
  return (
    <SettingsSection id="kisi" title={t("kisi.heading")}>
      <div className="space-y-6">
        <KeyStatus kisi={kisi} />
        {!canChange && (
          <p data-testid="kisi-owner-only" className="text-ink-muted">
            {t("kisi.ownerOnly")}
          </p>
        )}
        {canChange && (
          <KeyForm
            studioId={initial.id}
            onConnected={(keyLast4) => {
              router.refresh();
              setKisi((k) => ({
                ...k,
                connected: true,
                keyLast4,
                keyStatus: "valid",
                verifiedAt: new Date().toISOString(),
              }));
            }}
          />
        )}
        {kisi.connected && kisi.keyStatus !== "invalid" && (
          <GroupForm
            // A new key lists its own groups: a fresh form reads them again.
            key={kisi.keyLast4}
            studioId={initial.id}
            readOnly={!canChange}
            groupId={kisi.groupId}
            onSaved={(view) => {
              setKisi(view.kisi);
              router.refresh();
            }}
          />
        )}
      </div>
    </SettingsSection>
  );
}

function KeyStatus({ kisi }: { kisi: Kisi }) {
  const t = useTranslations("SettingsPage.kisi");
  const th = useTranslations("Hardening.kisiKeyStatus");
  const format = useFormatter();
  if (!kisi.connected) return <p data-testid="kisi-key-status">{t("noKey")}</p>;
  return (
    <dl data-testid="kisi-key-status" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      <dt className="font-medium">{t("key")}</dt>
      <dd className="font-mono">{t("keyLast4", { last4: kisi.keyLast4 ?? "" })}</dd>
      <dt className="font-medium">{t("status")}</dt>
      <dd data-testid="kisi-key-status-value">
        {kisi.keyStatus === "group_forbidden"
          ? th("groupForbidden")
          : t(`statuses.${kisi.keyStatus ?? "unverified"}`)}
      </dd>
      <dt className="font-medium">{t("verifiedAt")}</dt>
      <dd>
        {kisi.verifiedAt
          ? format.dateTime(new Date(kisi.verifiedAt), { dateStyle: "medium", timeStyle: "short" })
          : t("never")}
      </dd>
    </dl>
  );
}

function KeyForm({
  studioId,
  onConnected,
}: {
  studioId: string;
  onConnected: (keyLast4: string) => void;
}) {
  const t = useTranslations("SettingsPage");
  const { status, send } = useSave();
  const form = useContractForm(connectKisiKey.body, { apiKey: "" });

  const onSubmit = form.handleSubmit(async (body) => {
    const saved = await send(
      connectKisiKey,
      { params: { studioId }, body },
      { saving: t("kisi.verifying"), saved: t("kisi.keySaved"), failed: t("failed") },
      form.applyServerError,
    );
    // The key never stays in the page, accepted or not.
    form.reset({ apiKey: "" }, { keepErrors: true });
    if (saved) onConnected(saved.keyLast4);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" autoComplete="off">
      <Field
        id="settings-kisi-key"
        label={t("kisi.newKey")}
        hint={t("kisi.newKeyHint")}
        error={form.message(form.formState.errors.apiKey?.message)}
      >
        {(aria) => (
          <input
            {...aria}
            {...form.register("apiKey")}
            type="password"
            aria-required
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <SaveBar label={t("kisi.saveKey")} status={status} />
    </form>
  );
}

function GroupForm({
  studioId,
  readOnly,
  groupId,
  onSaved,
}: {
  studioId: string;
  readOnly: boolean;
  groupId: number | null;
  onSaved: (view: StudioSettingsView) => void;
}) {
  const t = useTranslations("SettingsPage");
  const { status, send } = useSave();
  const groups = useApi(
    listKisiGroups,
    { params: { studioId } },
    { revalidateOnFocus: false, shouldRetryOnError: false },
  );
  const form = useContractForm(updateStudio.body, { kisiGroupId: groupId ?? undefined });

  const onSubmit = form.handleSubmit(async (body) => {
    const view = await send(
      updateStudio,
      { params: { studioId }, body: { kisiGroupId: body.kisiGroupId } },
      { saving: t("saving"), saved: t("saved"), failed: t("failed") },
      form.applyServerError,
    );
    if (!view) return;
    onSaved(view);
    // Another group means other doors, perhaps shared with a studio fenced otherwise: the
    // geofence section's door list and its shared-doors warning load again.
    await mutate(apiKey(listDoors, { params: { studioId } }));
  });

  if (groups.error)
    return (
      <div role="alert" className="space-y-2">
        <p className="font-medium text-red-800">
          {t("kisi.groupsFailed", { reason: groups.error.message })}
        </p>
        <Button size="md" onClick={() => groups.mutate()}>
          {t("kisi.retry")}
        </Button>
      </div>
    );
  const list = groups.data?.groups;
  if (!list)
    return (
      <p role="status" aria-live="polite" className="text-ink-muted">
        {t("kisi.groupsLoading")}
      </p>
    );
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
      <Field
        id="settings-kisi-group"
        label={t("kisi.group")}
        hint={t("kisi.groupHint")}
        error={form.message(form.formState.errors.kisiGroupId?.message)}
      >
        {(aria) => (
          <select
            {...aria}
            {...form.register("kisiGroupId", { valueAsNumber: true })}
            aria-required
            disabled={readOnly}
            className={inputClass}
          >
            <option value="" disabled>
              {t("kisi.chooseGroup")}
            </option>
            {list.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!readOnly && <SaveBar label={t("kisi.saveGroup")} status={status} />}
    </form>
  );
}
