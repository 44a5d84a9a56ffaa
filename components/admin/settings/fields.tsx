"use client";

import { clsx } from "clsx";
import type { ReactNode } from "react";
import { controlClass } from "@/components/ui/field";
import type { SaveStatus } from "./use-save";

// The labelled control lives with the other shared form primitives.
export { Field, TextField } from "@/components/ui/field";

/** Settings controls sit on white inside their bordered card. */
export const inputClass = `${controlClass} bg-white`;

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
