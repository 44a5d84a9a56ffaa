import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page (not the API, not static files):
 * - a fresh CSP nonce per request, which Next applies to its own scripts (security.md G-2);
 * - the request path for locale resolution: an access page speaks its link's language
 *   (lib/i18n/request.ts), whatever a client may have put in this header.
 * Authorization never lives here: every route checks for itself (security.md F-3).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(
    nonce,
    request.nextUrl.protocol === "https:",
    EMAIL_PREVIEW_PAGE.test(request.nextUrl.pathname),
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
 * The studio settings page previews the guest email in a sandboxed `<iframe srcdoc>`, which
 * inherits this page's policy; mail HTML needs inline style attributes (mail clients ignore
 * stylesheets). Only there are style attributes allowed: scripts stay nonce-only everywhere.
 */
const EMAIL_PREVIEW_PAGE = /^\/dashboard\/studios\/[^/]+\/settings\/?$/;

export function contentSecurityPolicy(
  nonce: string,
  https: boolean,
  inlineStyleAttributes = false,
): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    ...(inlineStyleAttributes ? ["style-src-attr 'unsafe-inline'"] : []),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
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
