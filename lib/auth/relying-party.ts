import { isIP } from "node:net";

/** Who passkeys are registered to: the WebAuthn relying party. */
export type RelyingParty = {
  /** The RP ID a passkey is bound to: the public origin's host name, e.g. access.example.com. */
  id: string;
  /** The one origin a browser may present a passkey from (APP_ORIGIN). */
  origin: string;
};

/**
 * The relying party for passkeys, derived from the app's public origin (APP_ORIGIN), never from
 * the request: a passkey made for one RP ID is offered by browsers only on that host (and its
 * subdomains), which is what makes it useless to a phishing site. WebAuthn refuses an IP
 * address as RP ID, so an origin such as http://127.0.0.1:3000 has no relying party and
 * passkeys are off there (null); `localhost` is a secure context and works over plain http,
 * which is how the demo offers them (`npm run demo -- --host localhost`).
 */
export function relyingPartyOf(appOrigin: string): RelyingParty | null {
  const url = new URL(appOrigin);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return null;
  return { id: host, origin: url.origin };
}
