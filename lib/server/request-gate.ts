import type { IncomingMessage, ServerResponse } from "node:http";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import fr from "@/lib/i18n/messages/fr.json";
import it from "@/lib/i18n/messages/it.json";
import nl from "@/lib/i18n/messages/nl.json";
import { negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "./client-address";
import { BASE_SECURITY_HEADERS, NO_CONTENT_SECURITY_HEADERS } from "./security-headers";

const ERRORS: Record<Locale, { malformedUrl: string }> = {
  de: de.Errors,
  en: en.Errors,
  es: es.Errors,
  fr: fr.Errors,
  it: it.Errors,
  nl: nl.Errors,
};

/**
 * What the production server does to every request before Next sees it (no `server-only`: it
 * runs in the wrapper, outside the bundler):
 * - a path that is not valid percent-encoded UTF-8 (`/access/%ff`) is answered 400 here, with
 *   the security headers: Next would decode it before any Latchkey code runs and answer a bare
 *   500 that skips next.config.ts headers and proxy.ts;
 * - the trusted client address replaces whatever the client wrote into CLIENT_ADDRESS_HEADER.
 * Returns false when the request was answered and must not reach Next.
 */
export function gateRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { trustedProxyHops: number },
): boolean {
  if (!isWellFormedTarget(req.url ?? "/")) {
    answerMalformed(req, res);
    return false;
  }
  const address = resolveClientAddress(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    options.trustedProxyHops,
  );
  // Node folds header names to lower case, so this removes every spelling the client used.
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // Keep rawHeaders in step: some of Next's code paths rebuild headers from them.
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i]!.toLowerCase() !== CLIENT_ADDRESS_HEADER)
      raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  return true;
}

/** The path (the query is Next's to parse leniently) must decode as percent-encoded UTF-8. */
export function isWellFormedTarget(target: string): boolean {
  const path = target.split("?")[0]!.split("#")[0]!;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function answerMalformed(req: IncomingMessage, res: ServerResponse): void {
  const locale = negotiateLocale(req.headers["accept-language"]);
  const message = ERRORS[locale].malformedUrl;
  const api = (req.url ?? "").startsWith("/api/");
  for (const { key, value } of [...BASE_SECURITY_HEADERS, ...NO_CONTENT_SECURITY_HEADERS])
    res.setHeader(key, value);
  res.setHeader("Content-Language", locale);
  res.statusCode = 400;
  if (api) {
    // The API's one error envelope (lib/api/handler.ts), so clients need no special case.
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ error: { code: "malformed_url", message } }));
  } else {
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end(message);
  }
}
