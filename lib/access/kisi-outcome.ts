import type { ErrorCode } from "@/lib/api/error-codes";
import type { KisiError } from "@/lib/kisi/errors";

/**
 * Kisi's answers to a link-authenticated call, mapped to the visitor API's codes — in one place
 * (security.md J-5). Kisi's own text is never shown to a guest.
 */
export function visitorCodeForKisiError(error: KisiError): ErrorCode {
  if (error.kind !== "http") return "kisi_unavailable"; // timeout, network, malformed, redirect
  switch (error.status) {
    case 401:
      return "revoked"; // unknown or deleted link secret (f299ef)
    case 403:
      if (error.code === "f358de") return "not_yet_valid";
      if (error.code === "f35ade" || error.code === "f298ef") return "expired";
      if (error.code === "f297ef") return "revoked"; // link disabled
      if (error.code === "fad001" || error.code === "fad002") return "locked_down";
      if (error.code === "afc496" || error.code === "fcd8ef") return "unknown_door";
      return "kisi_unavailable";
    case 404:
      return "unknown_door";
    case 429:
      return "rate_limited";
    case 503:
      return /^(fac00[1-4]|fad107|fbc000)$/.test(error.code ?? "")
        ? "door_offline"
        : "kisi_unavailable";
    default:
      return "kisi_unavailable";
  }
}
