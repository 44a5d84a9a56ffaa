import { clsx } from "clsx";
import type { ReactNode, Ref } from "react";

/**
 * A page's section under an h2: labelled by its heading (`${id}-heading`), so it is a region
 * screen readers can jump to.
 */
export function PageSection({
  id,
  title,
  intro,
  headingRef,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  intro?: ReactNode;
  /** For moving focus to the heading (it then gets tabIndex -1). */
  headingRef?: Ref<HTMLHeadingElement>;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={clsx("space-y-3", className)}>
      <h2
        id={`${id}-heading`}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        className="text-xl font-semibold"
      >
        {title}
      </h2>
      {intro && <p className="text-ink-muted">{intro}</p>}
      {children}
    </section>
  );
}
