import type { ErrorCode } from "@/lib/api/error-codes";
import type { KisiError } from "@/lib/kisi/errors";

/**
 * Kisi's answers to a link-authenticated call, mapped to the visitor API's codes — in one place
 * (SECURITY.md J-5). Kisi's own text is never shown to a guest.
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

/**
 * An unlock's failure for the guest. Like any link-authenticated call, except that an unlock Kisi
 * may have received but never confirmed (a timeout, a connection dropped after it was made) is
 * `unlock_unconfirmed`: the door may have opened, and the guest is told so instead of "not
 * reachable". An unlock that was certainly never sent (queued past its deadline, no connection)
 * stays `kisi_unavailable`, which the page may retry on its own.
 */
export function visitorCodeForUnlockError(error: KisiError): ErrorCode {
  if (error.kind === "timeout" || (error.kind === "network" && error.connected !== false))
    return "unlock_unconfirmed";
  return visitorCodeForKisiError(error);
}

/**
 * Whether Kisi says the link itself is gone (deleted or disabled inside Kisi): 401 for an
 * unknown or deleted secret, 403 `f297ef` for a disabled link. Window refusals (not yet valid,
 * expired) and door refusals are not: they say nothing about the link's existence.
 */
export function kisiSaysLinkGone(error: KisiError): boolean {
  return (
    error.kind === "http" &&
    (error.status === 401 || (error.status === 403 && error.code === "f297ef"))
  );
}
