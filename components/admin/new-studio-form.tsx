"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { LOCALES } from "@/lib/i18n/locales";

type Group = { id: number; name: string; placeId: number | null };
type ApiErrorBody = { error?: { message?: string; issues?: { path: string; message: string }[] } };

async function call<T>(url: string, method: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & ApiErrorBody;
  if (!res.ok) {
    const issues = json.error?.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new Error([json.error?.message ?? String(res.status), issues].filter(Boolean).join(" "));
  }
  return json;
}

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
  const tLang = useTranslations("IssueLinkForm.languages");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [timeZone, setTimeZone] = useState("UTC");
  const [studio, setStudio] = useState<{ id: string; name: string } | null>(null);
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const groupHeading = useRef<HTMLHeadingElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (groups) groupHeading.current?.focus();
  }, [groups]);
  useEffect(() => {
    if (open) nameInput.current?.focus();
  }, [open]);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      let current = studio;
      if (!current) {
        const organizationId = form.get("organizationId");
        current = await call<{ id: string; name: string }>("/api/studios", "POST", {
          name: String(form.get("name") ?? ""),
          timeZone,
          defaultLocale: String(form.get("defaultLocale") ?? "en"),
          ...(organizationId ? { organizationId: String(organizationId) } : {}),
        });
        setStudio(current);
      }
      const connected = await call<{ keyLast4: string; groups: Group[] }>(
        `/api/studios/${current.id}/kisi-key`,
        "PUT",
        { apiKey: String(form.get("apiKey") ?? "") },
      );
      setNotice(t("created", { name: current.name, last4: connected.keyLast4 }));
      setGroups(connected.groups);
    } catch (e) {
      setError(t("failed", { reason: (e as Error).message }));
    } finally {
      setPending(false);
    }
  }

  async function onPickGroup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!studio) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await call(`/api/studios/${studio.id}`, "PATCH", {
        kisiGroupId: Number(form.get("kisiGroupId")),
      });
      router.push(`/dashboard/studios/${studio.id}`);
    } catch (e) {
      setError(t("failed", { reason: (e as Error).message }));
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
          if (timeZones.includes(local)) setTimeZone(local);
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
        <form onSubmit={(e) => void onCreate(e)} className="grid gap-4 sm:grid-cols-2">
          {organizations.length > 1 && (
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor="new-studio-org" className="block font-medium">
                {t("organization")}
              </label>
              <select
                id="new-studio-org"
                name="organizationId"
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
          <div className="space-y-1">
            <label htmlFor="new-studio-name" className="block font-medium">
              {t("name")}
            </label>
            <input
              ref={nameInput}
              id="new-studio-name"
              name="name"
              required
              maxLength={120}
              disabled={Boolean(studio)}
              defaultValue={studio?.name}
              className={field}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="new-studio-tz" className="block font-medium">
              {t("timeZone")}
            </label>
            <select
              id="new-studio-tz"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
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
              name="defaultLocale"
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
          <div className="space-y-1">
            <label htmlFor="new-studio-key" className="block font-medium">
              {t("kisiKey")}
            </label>
            <input
              id="new-studio-key"
              name="apiKey"
              type="password"
              required
              minLength={8}
              maxLength={200}
              autoComplete="off"
              aria-describedby="new-studio-key-hint"
              className={field}
            />
            <p id="new-studio-key-hint" className="text-sm text-ink-muted">
              {t("kisiKeyHint")}
            </p>
          </div>
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
                {groups.map((group, index) => (
                  <label key={group.id} className="flex min-h-11 items-center gap-3">
                    <input
                      type="radio"
                      name="kisiGroupId"
                      value={group.id}
                      defaultChecked={index === 0}
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
