"use client";

import type { ReactNode } from "react";
import { buttonClass } from "./button";

/**
 * A destructive action in two steps: the first press turns the button into its confirmation,
 * the second acts. Controlled (`confirming`), so a list can keep one row confirming at a time.
 * The first button stays the same element when it changes, so focus stays on it; the optional
 * cancel button follows it.
 */
export function ConfirmButton({
  confirming,
  onAsk,
  onConfirm,
  label,
  confirmLabel,
  srSuffix,
  cancel,
  disabled,
  className = buttonClass("danger"),
  confirmClassName = buttonClass("dangerConfirm"),
}: {
  confirming: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  label: ReactNode;
  confirmLabel: ReactNode;
  /** Read after the first step's label (" — name"), to tell a list's buttons apart. */
  srSuffix?: string;
  cancel?: { label: ReactNode; onCancel: () => void; className?: string };
  /** Disables the confirmation (e.g. while the action runs). */
  disabled?: boolean;
  className?: string;
  confirmClassName?: string;
}) {
  return (
    <>
      <button
        type="button"
        disabled={confirming ? disabled : undefined}
        onClick={confirming ? onConfirm : onAsk}
        className={confirming ? confirmClassName : className}
      >
        {confirming ? (
          confirmLabel
        ) : (
          <>
            {label}
            {srSuffix && <span className="sr-only"> — {srSuffix}</span>}
          </>
        )}
      </button>
      {confirming && cancel && (
        <button
          type="button"
          onClick={cancel.onCancel}
          className={cancel.className ?? buttonClass("secondary")}
        >
          {cancel.label}
        </button>
      )}
    </>
  );
}
