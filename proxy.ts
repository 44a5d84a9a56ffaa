import { NextResponse, type NextRequest } from "next/server";
import { mapStyleUrlSchema } from "@/lib/config/schema";

/**
 * The origin of the geofence map's style (LATCHKEY_MAP_STYLE_URL), which dashboard pages may
 * fetch from. The proxy runs apart from the app's config module, so it parses this one variable
 * with the config's own schema; a bad value is refused at start-up by the config, here it only
 * means no map origin.
 */
const MAP_ORIGIN = (() => {
  const parsed = mapStyleUrlSchema.safeParse(process.env.LATCHKEY_MAP_STYLE_URL?.trim() || null);
  return parsed.success ? new URL(parsed.data).origin : null;
})();

/**
 * Runs before every page (not the API, not static files):
 * - a fresh CSP nonce per request, which Next applies to its own scripts (SECURITY.md G-2);
 * - the request path for locale resolution: an access page speaks its link's language
 *   (lib/i18n/request.ts), whatever a client may have put in this header.
 * Authorization never lives here: every route checks for itself (SECURITY.md F-3).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dashboard = !request.nextUrl.pathname.startsWith("/access/");
  const csp = contentSecurityPolicy(
    nonce,
    request.nextUrl.protocol === "https:",
    dashboard,
    dashboard ? MAP_ORIGIN : null,
  );
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  headers.set("x-latchkey-pathname", request.nextUrl.pathname);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * `styleAttributes` allows inline style attributes (never `<style>` elements, never scripts) on
 * dashboard pages: the outbox shows an email in `<iframe sandbox srcdoc>`, which inherits this
 * policy, and emails can only be styled inline. It is set on every page but the guest's, since
 * the dashboard is reached by client-side navigation (from /sign-in, say) and keeps the first
 * page's policy.
 *
 * `mapOrigin` (dashboard pages, when a map style is configured) may be fetched from, its tiles
 * shown, and the map library may start its tile worker from a blob: URL, as MapLibre does. The
 * guest's page never gets it.
 */
export function contentSecurityPolicy(
  nonce: string,
  https: boolean,
  styleAttributes = false,
  mapOrigin: string | null = null,
): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    ...(styleAttributes ? ["style-src-attr 'unsafe-inline'"] : []),
    `img-src 'self' data: blob:${mapOrigin ? ` ${mapOrigin}` : ""}`,
    "font-src 'self'",
    `connect-src 'self'${mapOrigin ? ` ${mapOrigin}` : ""}`,
    ...(mapOrigin ? ["worker-src 'self' blob:"] : []),
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over plain http (the loopback demo) this would rewrite same-origin assets to https.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const config = {
  matcher: [
    // Prefetches too: every page response gets a CSP, and no client-set x-latchkey-* header
    // ever reaches a page unreplaced.
    "/((?!api|_next/static|_next/image|favicon.ico|robots.txt).*)",
  ],
};
