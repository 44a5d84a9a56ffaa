"use client";

import { clsx } from "clsx";
import { useEffect, useRef } from "react";

/**
 * An email's HTML in a sandboxed frame: no scripts, no forms, no popups, no navigation. An email
 * is untrusted markup even when Latchkey wrote it. With `autoHeight` the frame grows to the
 * whole email instead of cutting it off: the parent measures the document, which needs
 * `allow-same-origin`. That is safe only because `allow-scripts` is never granted with it: the
 * markup still cannot run anything, so nothing inside can use the origin (the combination of
 * the two is what would let a frame lift its own sandbox).
 */
export function EmailFrame({
  title,
  html,
  className,
  autoHeight = false,
}: {
  title: string;
  html: string;
  className?: string;
  autoHeight?: boolean;
}) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const frame = ref.current;
    if (!autoHeight || !frame) return;
    let observer: ResizeObserver | null = null;
    const fit = () => {
      const doc = frame.contentDocument;
      if (!doc?.documentElement) return;
      // The frame's height includes its border (border-box), the document's does not.
      const border = frame.offsetHeight - frame.clientHeight;
      frame.style.height = `${doc.documentElement.scrollHeight + border}px`;
    };
    const onLoad = () => {
      fit();
      observer?.disconnect();
      const body = frame.contentDocument?.body;
      if (body && typeof ResizeObserver !== "undefined") {
        observer = new ResizeObserver(fit);
        observer.observe(body);
      }
    };
    frame.addEventListener("load", onLoad);
    if (frame.contentDocument?.readyState === "complete") onLoad();
    return () => {
      frame.removeEventListener("load", onLoad);
      observer?.disconnect();
    };
  }, [autoHeight, html]);
  return (
    <iframe
      ref={ref}
      title={title}
      sandbox={autoHeight ? "allow-same-origin" : ""}
      srcDoc={html}
      className={clsx("w-full border border-ink/15 bg-white", className)}
    />
  );
}
