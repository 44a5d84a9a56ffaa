import "server-only";
import type { NextRequest } from "next/server";
import { clientAddressOf } from "@/lib/server/client-address";
import { ApiError } from "./errors";

/**
 * Route handlers get no CSRF protection from Next (only Server Actions do), so state-changing
 * visitor calls check it themselves (SECURITY.md B-2): Fetch Metadata first, then an exact
 * Origin match. `Origin: null` counts as cross-site (CVE-2026-27978), and a request with
 * neither header is refused: fail closed.
 */
export function assertSameOrigin(req: NextRequest, appOrigin: string): void {
  const site = req.headers.get("sec-fetch-site");
  if (site) {
    if (site === "same-origin") return;
    throw new ApiError("forbidden");
  }
  const origin = req.headers.get("origin");
  if (origin && origin !== "null" && origin === appOrigin) return;
  throw new ApiError("forbidden");
}

/** `Authorization: Bearer <token>`, or null. The token is never read from the URL. */
export function bearerToken(req: NextRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/**
 * The caller's address, for rate limits and the audit hash (see "Behind a proxy" in the README): the one value the
 * server wrapper derived from the socket or the trusted X-Forwarded-For hop
 * (lib/server/client-address.ts), never a header the client wrote. Null outside the wrapper.
 */
export function clientIp(headers: Headers): string | null {
  return clientAddressOf(headers);
}
