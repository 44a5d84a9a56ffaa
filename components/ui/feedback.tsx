import { clsx } from "clsx";
import type { ReactNode } from "react";

/** A polite live region for the result of an action; it keeps its height when empty. */
export function LiveStatus({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={clsx("min-h-6 text-sm", className)}>
      {children}
    </p>
  );
}

/** A form's error, announced at once. Renders nothing without one. */
export function ErrorAlert({ error, className }: { error: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={clsx("font-medium text-red-800", className)}>
      {error}
    </p>
  );
}

/** A list's three states before its rows: failed to load, loading, empty. */
export function ListStatus({
  error,
  loading,
  empty,
  messages,
}: {
  error: unknown;
  loading: boolean;
  empty: boolean;
  messages: { failed: string; loading: string; empty: string };
}) {
  return (
    <>
      {Boolean(error) && <p role="alert">{messages.failed}</p>}
      {loading && <p>{messages.loading}</p>}
      {empty && <p>{messages.empty}</p>}
    </>
  );
}
