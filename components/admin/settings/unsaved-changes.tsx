"use client";

import { useTranslations } from "next-intl";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  type ReactNode,
} from "react";

type Registry = { set: (key: string, dirty: boolean) => void };
const UnsavedContext = createContext<Registry | null>(null);

/**
 * Warns before unsaved settings are lost: the browser's own prompt when the tab is closed or
 * reloaded (beforeunload), and a confirm when a link inside the dashboard is followed (Next's
 * client navigation fires no beforeunload). Each form reports whether it has unsaved edits with
 * `useUnsaved(dirty)`; switching between settings tabs keeps them (the panels stay mounted), so
 * only leaving the page asks.
 */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const t = useTranslations("SettingsSections");
  const dirty = useRef(new Set<string>());
  const message = t("leaveWarning");

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current.size === 0) return;
      event.preventDefault();
      // Older browsers show a prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (dirty.current.size === 0 || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank") return;
      const to = new URL(anchor.href, location.href);
      // Another tab of the same settings page (?section=…) keeps every edit: no question.
      if (to.origin === location.origin && to.pathname === location.pathname) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture: before Next's <Link> handler starts the client navigation.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [message]);

  const set = useCallback((key: string, value: boolean) => {
    if (value) dirty.current.add(key);
    else dirty.current.delete(key);
  }, []);
  const registry = useMemo(() => ({ set }), [set]);
  return <UnsavedContext.Provider value={registry}>{children}</UnsavedContext.Provider>;
}

/** This form has unsaved edits while `dirty` is true (a no-op outside the guard). */
export function useUnsaved(dirty: boolean) {
  const registry = useContext(UnsavedContext);
  const key = useId();
  useEffect(() => {
    registry?.set(key, dirty);
    return () => registry?.set(key, false);
  }, [registry, key, dirty]);
}
