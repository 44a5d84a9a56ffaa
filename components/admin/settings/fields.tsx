"use client";

import { clsx } from "clsx";
import type { ReactNode } from "react";
import type { SaveStatus } from "./use-save";

export const inputClass = "min-h-11 w-full rounded-lg border border-ink/30 px-3 bg-white";

/** A labelled control with its hint and the API's error for it, wired for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (aria: {
    id: string;
    "aria-invalid": boolean | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form's save button and its live status line (announced politely, errors assertively). */
export function SaveBar({ label, status }: { label: string; status: SaveStatus }) {
  return (
    <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
      <button
        type="submit"
        disabled={status.kind === "saving"}
        className="min-h-11 rounded-lg bg-brand px-5 font-semibold text-brand-contrast disabled:opacity-70"
      >
        {label}
      </button>
      <StatusLine status={status} />
    </div>
  );
}

export function StatusLine({ status }: { status: SaveStatus }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className={clsx(
        "text-sm font-medium",
        status.kind === "error" ? "text-red-800" : "text-ink-muted",
      )}
    >
      {status.kind === "idle" ? "" : status.message}
    </p>
  );
}

export function SettingsSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {title}
      </h2>
      {description && <p className="text-ink-muted">{description}</p>}
      <div className="rounded-xl border border-ink/15 p-4">{children}</div>
    </section>
  );
}
