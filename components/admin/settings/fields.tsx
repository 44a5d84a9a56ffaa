"use client";

import { clsx } from "clsx";
import type { ReactNode } from "react";
import { controlClass } from "@/components/ui/field";
import type { SaveStatus } from "./use-save";

// The labelled control lives with the other shared form primitives.
export { Field, TextField } from "@/components/ui/field";

/** Settings controls sit on white inside their bordered card. */
export const inputClass = `${controlClass} bg-white`;

/**
 * A form's save button and its live status line. With `dirty`, the section's one save bar: it
 * appears (sticky at the bottom of the screen, so it is in reach on a long form) only once
 * something changed, saying so; the status line stays, so "Saved." is still announced after.
 */
export function SaveBar({
  label,
  status,
  dirty,
  unsavedLabel,
}: {
  label: string;
  status: SaveStatus;
  dirty?: boolean;
  unsavedLabel?: string;
}) {
  if (dirty !== undefined) {
    return (
      <div className="sm:col-span-2">
        {dirty && (
          <div
            data-testid="save-bar"
            className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-ink/15 bg-surface/95 px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] backdrop-blur"
          >
            <p className="flex-1 text-sm font-medium">{unsavedLabel}</p>
            <SaveButton label={label} status={status} />
          </div>
        )}
        <StatusLine status={status} />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
      <SaveButton label={label} status={status} />
      <StatusLine status={status} />
    </div>
  );
}

function SaveButton({ label, status }: { label: string; status: SaveStatus }) {
  return (
    <button
      type="submit"
      disabled={status.kind === "saving"}
      className="min-h-11 rounded-lg bg-brand px-5 font-semibold text-brand-contrast disabled:opacity-70"
    >
      {label}
    </button>
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
