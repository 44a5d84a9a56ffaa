import type { ReactNode } from "react";

/**
 * A section with an example to copy (a curl call, a receiver): its h3, a line of explanation and
 * the code in a <pre> that keyboard users can focus to scroll, named for screen readers.
 * `children` go below it (a copy button). The heading is `${id}-heading`.
 */
export function CodeExample({
  id,
  heading,
  intro,
  label,
  code,
  children,
}: {
  id: string;
  heading: ReactNode;
  intro: ReactNode;
  /** The code block's accessible name. */
  label: string;
  code: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      <h3 id={`${id}-heading`} className="text-lg font-semibold">
        {heading}
      </h3>
      <p className="max-w-prose text-sm text-ink-muted">{intro}</p>
      <pre
        tabIndex={0}
        aria-label={label}
        className="overflow-x-auto rounded-lg border border-ink/15 bg-ink/5 p-3 text-sm"
      >
        <code>{code}</code>
      </pre>
      {children}
    </section>
  );
}
