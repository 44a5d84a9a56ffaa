"use client";

import { Toaster as Sonner } from "sonner";
// Sonner also writes these rules into a <style> element of its own at run time, which the
// dashboard's Content-Security-Policy refuses (style elements need the page's nonce): served
// as part of the app's CSS instead, the toasts keep their layout.
import "sonner/dist/styles.css";

/*
 * Where confirmations ("Link revoked", "Email resent") appear, via sonner: announced politely to
 * screen readers, paused while hovered or focused, and kept off the bottom edge on phones where
 * the browser's own bars sit. `label` names the notifications region. Mounted once in the dashboard layout; call `toast()` from "sonner".
 */
export function Toaster({ label }: { label: string }) {
  return (
    <Sonner
      position="top-center"
      closeButton
      richColors
      toastOptions={{ duration: 5000, closeButton: true, classNames: { closeButton: "!size-6" } }}
      containerAriaLabel={label}
    />
  );
}
