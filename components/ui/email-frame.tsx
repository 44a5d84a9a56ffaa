import { clsx } from "clsx";

/**
 * An email's HTML in a sandboxed frame: no scripts, no same-origin, no navigation. An email is
 * untrusted markup even when Latchkey wrote it.
 */
export function EmailFrame({
  title,
  html,
  className,
}: {
  title: string;
  html: string;
  className?: string;
}) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      className={clsx("w-full border border-ink/15 bg-white", className)}
    />
  );
}
