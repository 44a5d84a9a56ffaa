"use client";

import { buttonClass } from "./button";

/** The "show older" button under a cursor list; nothing when there is nothing older. */
export function ShowOlder({
  hasMore,
  onClick,
  label,
  className = buttonClass("secondary"),
}: {
  hasMore: boolean;
  onClick: () => void;
  label: string;
  className?: string;
}) {
  if (!hasMore) return null;
  return (
    <button type="button" onClick={onClick} className={className}>
      {label}
    </button>
  );
}
