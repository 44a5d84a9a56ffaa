"use client";

import { useState, type ReactNode } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./button";
import { controlClass } from "./field";

/**
 * Copies `text` to the clipboard. With `copiedLabel` the button says so until the text
 * changes; `onCopied` lets a caller announce it elsewhere instead. It claims success only when
 * the browser confirmed the copy: without a clipboard (an insecure origin) or when the browser
 * refuses, the button says `failedLabel` (the value stays on screen to copy by hand).
 */
export function CopyButton({
  text,
  label,
  copiedLabel,
  failedLabel,
  onCopied,
  variant = "ink",
  size = "md",
}: {
  text: string;
  label: ReactNode;
  copiedLabel?: ReactNode;
  failedLabel?: ReactNode;
  onCopied?: () => void;
  variant?: ButtonVariant;
  size?: ButtonSize;
}) {
  const [outcome, setOutcome] = useState<{ text: string; copied: boolean } | null>(null);
  const shown = outcome?.text === text ? outcome : null;
  return (
    <button
      type="button"
      className={buttonClass(variant, size)}
      onClick={async () => {
        try {
          if (!navigator.clipboard) throw new Error("no clipboard");
          await navigator.clipboard.writeText(text);
        } catch {
          setOutcome({ text, copied: false });
          return;
        }
        setOutcome({ text, copied: true });
        onCopied?.();
      }}
    >
      {shown?.copied && copiedLabel
        ? copiedLabel
        : shown && !shown.copied && failedLabel
          ? failedLabel
          : label}
    </button>
  );
}

/**
 * A value shown once to copy (a link, a token): read-only, selected on focus, monospace.
 * The label is for screen readers only unless `visibleLabel`.
 */
export function CopyableValue({
  id,
  label,
  value,
  visibleLabel = false,
}: {
  id: string;
  label: ReactNode;
  value: string;
  visibleLabel?: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className={visibleLabel ? "block text-sm font-medium" : "sr-only"}>
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        className={`${controlClass} font-mono text-sm`}
        onFocus={(e) => e.currentTarget.select()}
      />
    </>
  );
}
