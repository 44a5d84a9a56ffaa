"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";
import { CopyableValue, CopyButton } from "./copy-button";
import { LiveStatus } from "./feedback";

/**
 * A secret the server returns once (an API token, a webhook signing secret): shown with a copy
 * button until the manager says it is stored. Focus moves to its heading whenever a new value
 * appears, so keyboard and screen-reader users land on it; the copy is announced politely.
 * The heading is `${id}-heading`, the value's input `id`.
 */
export function ShownOnce({
  id,
  heading,
  note,
  children,
  label,
  value,
  copyLabel,
  copiedMessage,
  failedLabel,
  doneLabel,
  onDone,
}: {
  id: string;
  heading: ReactNode;
  /** "You will not see it again", in bold. */
  note: ReactNode;
  /** More to say before the value (e.g. that the previous secret still works). */
  children?: ReactNode;
  label: ReactNode;
  value: string;
  copyLabel: ReactNode;
  copiedMessage: ReactNode;
  failedLabel?: ReactNode;
  doneLabel: ReactNode;
  onDone: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [value]);
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-xl border border-accent/40 bg-accent/10 p-4"
    >
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="font-semibold">
        {heading}
      </h3>
      <p className="font-medium">{note}</p>
      {children}
      <CopyableValue id={id} label={label} value={value} visibleLabel />
      <div className="flex flex-wrap gap-2">
        <CopyButton
          text={value}
          label={copyLabel}
          failedLabel={failedLabel}
          onCopied={() => setCopied(value)}
        />
        <Button size="md" onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
      <LiveStatus>{copied === value ? copiedMessage : ""}</LiveStatus>
    </section>
  );
}
