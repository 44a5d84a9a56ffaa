"use client";

import { useState, type ReactNode } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./button";
import { controlClass } from "./field";

/**
 * Copies `text` to the clipboard. With `copiedLabel` the button says so until the text
 * changes; `onCopied` lets a caller announce it elsewhere instead.
 */
export function CopyButton({
  text,
  label,
  copiedLabel,
  onCopied,
  variant = "ink",
  size = "md",
}: {
  text: string;
  label: ReactNode;
  copiedLabel?: ReactNode;
  onCopied?: () => void;
  variant?: ButtonVariant;
  size?: ButtonSize;
}) {
  const [copiedText, setCopiedText] = useState<string | null>(null);
  return (
    <button
      type="button"
      className={buttonClass(variant, size)}
      onClick={async () => {
        await navigator.clipboard?.writeText(text);
        setCopiedText(text);
        onCopied?.();
      }}
    >
      {copiedLabel && copiedText === text ? copiedLabel : label}
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
