/**
 * The one client address every part of Latchkey reads (rate limits, the sign-in throttles, the
 * audit hashes, better-auth's session records). The production server (lib/server/serve.ts)
 * computes it once per request from what cannot be forged — the socket, or the entry the
 * outermost trusted proxy appended to X-Forwarded-For — and writes it into this header after
 * deleting any copy the client sent. Nothing else ever reads X-Forwarded-For.
 *
 * No `server-only` here: the server wrapper runs outside Next's bundler, without the
 * react-server condition.
 */
export const CLIENT_ADDRESS_HEADER = "x-latchkey-client-address";

/**
 * With `hops` trusted proxies in front, each appending the address it saw, the client is the
 * entry `hops` from the right (a client's own X-Forwarded-For entries sit further left and are
 * ignored). A request carrying fewer entries than that did not come through every proxy (or the
 * proxies are configured differently): the socket is the only address it cannot forge, so the
 * limit falls on that.
 */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  hops: number,
): string {
  const socket = normalizeAddress(socketAddress ?? "") || "unknown";
  if (hops <= 0) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hop = entries[entries.length - hops];
  return hop !== undefined && isPlausibleAddress(hop) ? normalizeAddress(hop) : socket;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is 192.0.2.1; case folded. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped ? mapped[1]! : lower;
}

/**
 * A proxy writes an IPv4 or IPv6 address (possibly bracketed, possibly with a port); anything
 * else (a name, `unknown`, script text) means the header was not written by a proxy we trust.
 */
function isPlausibleAddress(value: string): boolean {
  return /^[0-9a-f:.[\]]{2,64}$/i.test(value);
}

const WRAPPED = Symbol.for("latchkey.clientAddressWrapper");

/** Called by the server wrapper before Next loads: from then on the header is ours. */
export function markClientAddressTrusted(): void {
  (globalThis as Record<symbol, unknown>)[WRAPPED] = true;
}

/**
 * The address the server wrapper set, or null when this process was not started through it
 * (`next dev`, a bare `next start`): then the header could be the client's own, and callers key
 * their limits on one shared "unknown" bucket instead — stricter, never forgeable.
 */
export function clientAddressOf(headers: Headers): string | null {
  if ((globalThis as Record<symbol, unknown>)[WRAPPED] !== true) return null;
  return headers.get(CLIENT_ADDRESS_HEADER);
}
