/**
 * The guest-facing lifecycle (docs/product-rules.md): scheduled → active → expired, or revoked at any time.
 * Derived from the window and the server's clock on every request, never stored, so it cannot
 * go stale. A link whose Kisi side was never confirmed is `unavailable` (no guest has its URL).
 */
export type LinkState = "scheduled" | "active" | "expired" | "revoked";

export type LinkLifecycle = {
  status: "creating" | "kisi_unknown" | "kisi_failed" | "issued" | "revoked";
  validFrom: Date;
  validUntil: Date;
};

export function linkState(link: LinkLifecycle, now: Date): LinkState | "unavailable" {
  if (link.status === "revoked") return "revoked";
  if (link.status !== "issued") return "unavailable";
  if (now < link.validFrom) return "scheduled";
  if (now >= link.validUntil) return "expired";
  return "active";
}
