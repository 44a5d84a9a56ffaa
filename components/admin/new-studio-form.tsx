"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useContractForm } from "@/components/api/use-contract-form";
import { Field } from "@/components/ui/field";
import { ApiRequestError, callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import { connectKisiKey, createStudio, updateStudio } from "@/lib/contracts/studios";
import { LOCALES } from "@/lib/i18n/locales";

type Group = Result<typeof connectKisiKey>["groups"][number];

/** Step one's fields: the new studio (POST /api/studios) and its Kisi key (PUT kisi-key). */
const stepOne = createStudio.body.extend(connectKisiKey.body.shape);

/**
 * An owner adds a studio in two steps: name, time zone, language and the Kisi API key (Kisi
 * checks the key before it is stored), then the Kisi group its links open. Uses the Studio API
 * (POST /api/studios, PUT kisi-key, PATCH); a rejected key keeps the created studio, so a retry
 * never makes a second one.
 */
export function NewStudioForm({
  timeZones,
  organizations,
}: {
  timeZones: string[];
  organizations: { id: string; name: string }[];
}) {
  const t = useTranslations("NewStudioForm");
  const tLang = useTranslations("Languages");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [studio, setStudio] = useState<{ id: string; name: string } | null>(null);
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [groupId, setGroupId] = useState<number | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const groupHeading = useRef<HTMLHeadingElement>(null);
  const nameInput = useRef<HTMLInputElement | null>(null);
  const form = useContractForm(stepOne, {
    name: "",
    timeZone: "UTC",
    defaultLocale: "en",
    organizationId: organizations.length > 1 ? organizations[0]?.id : undefined,
    apiKey: "",
  });
  const nameField = form.register("name");
  const fieldError = (name: "name" | "timeZone" | "defaultLocale" | "apiKey") =>
    form.message(form.formState.errors[name]?.message);
  const failed = (e: unknown) =>
    t("failed", {
      reason: describeError(e, e instanceof ApiRequestError ? e.code : String(e)),
    });

  useEffect(() => {
    if (groups) groupHeading.current?.focus();
  }, [groups]);
  useEffect(() => {
    if (open) nameInput.current?.focus();
  }, [open]);

  const onCreate = form.handleSubmit(async ({ apiKey, ...body }) => {
    setPending(true);
    setError(null);
    try {
      let current = studio;
      if (!current) {
        current = await callApi(createStudio, { body });
        setStudio(current);
      }
      const connected = await callApi(connectKisiKey, {
        params: { studioId: current.id },
        body: { apiKey },
      });
      setNotice(t("created", { name: current.name, last4: connected.keyLast4 }));
      setGroupId(connected.groups[0]?.id ?? null);
      setGroups(connected.groups);
    } catch (e) {
      if (!form.applyServerError(e)) setError(failed(e));
    } finally {
      setPending(false);
    }
  });

  async function onPickGroup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!studio || groupId === null) return;
    setPending(true);
    setError(null);
    try {
      await callApi(updateStudio, {
        params: { studioId: studio.id },
        body: { kisiGroupId: groupId },
      });
      router.push(`/dashboard/studios/${studio.id}`);
    } catch (e) {
      setError(failed(e));
      setPending(false);
    }
  }

  const field = "min-h-11 w-full rounded-lg border border-ink/30 px-3";
  if (!open)
    return (
      <button
        type="button"
        onClick={() => {
          // The browser's zone as the default: known only here, and the form opens on click.
          const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
          if (timeZones.includes(local)) form.setValue("timeZone", local);
          setOpen(true);
        }}
        className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white"
      >
        {t("open")}
      </button>
    );
  return (
    <div className="space-y-4 rounded-xl border border-ink/15 p-4">
      <p className="text-ink-muted">{t("intro")}</p>
      <div aria-live="polite" className="space-y-2">
        {notice && <p role="status">{notice}</p>}
        {error && (
          <p role="alert" className="text-red-800">
            {error}
          </p>
        )}
      </div>
      {!groups ? (
        <form onSubmit={(e) => void onCreate(e)} noValidate className="grid gap-4 sm:grid-cols-2">
          {organizations.length > 1 && (
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor="new-studio-org" className="block font-medium">
                {t("organization")}
              </label>
              <select
                id="new-studio-org"
                {...form.register("organizationId")}
                className={field}
                disabled={Boolean(studio)}
              >
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Field id="new-studio-name" label={t("name")} error={fieldError("name")}>
            {(aria) => (
              <input
                {...nameField}
                {...aria}
                ref={(element) => {
                  nameField.ref(element);
                  nameInput.current = element;
                }}
                aria-required
                disabled={Boolean(studio)}
                className={field}
              />
            )}
          </Field>
          <div className="space-y-1">
            <label htmlFor="new-studio-tz" className="block font-medium">
              {t("timeZone")}
            </label>
            <select
              id="new-studio-tz"
              {...form.register("timeZone")}
              disabled={Boolean(studio)}
              className={field}
            >
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="new-studio-locale" className="block font-medium">
              {t("language")}
            </label>
            <select
              id="new-studio-locale"
              {...form.register("defaultLocale")}
              disabled={Boolean(studio)}
              className={field}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {tLang(l)}
                </option>
              ))}
            </select>
          </div>
          <Field
            id="new-studio-key"
            label={t("kisiKey")}
            hint={t("kisiKeyHint")}
            error={fieldError("apiKey")}
          >
            {(aria) => (
              <input
                {...form.register("apiKey")}
                {...aria}
                type="password"
                aria-required
                autoComplete="off"
                className={field}
              />
            )}
          </Field>
          <div className="sm:col-span-2">
            <button
              type="submit"
              disabled={pending}
              className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white disabled:opacity-60"
            >
              {pending ? t("working") : studio ? t("connectRetry") : t("connect")}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(e) => void onPickGroup(e)} className="space-y-3">
          <h3 ref={groupHeading} tabIndex={-1} className="text-lg font-semibold">
            {t("groupHeading")}
          </h3>
          {groups.length === 0 ? (
            <p>{t("noGroups")}</p>
          ) : (
            <>
              <fieldset className="space-y-2">
                <legend className="font-medium">{t("groupIntro")}</legend>
                {groups.map((group) => (
                  <label key={group.id} className="flex min-h-11 items-center gap-3">
                    <input
                      type="radio"
                      name="kisiGroupId"
                      value={group.id}
                      checked={groupId === group.id}
                      onChange={() => setGroupId(group.id)}
                      className="size-5"
                    />
                    {group.name}
                  </label>
                ))}
              </fieldset>
              <button
                type="submit"
                disabled={pending}
                className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white disabled:opacity-60"
              >
                {pending ? t("finishing") : t("finish")}
              </button>
            </>
          )}
        </form>
      )}
    </div>
  );
}
