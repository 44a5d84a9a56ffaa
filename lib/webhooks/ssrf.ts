import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * The SSRF guard for webhook URLs. A studio manager chooses the URL and Latchkey POSTs to it from
 * inside the deployment's network, so a URL that reaches loopback, a private network, link-local
 * (the cloud metadata service at 169.254.169.254 / fd00:ec2::254) or any other special range is
 * refused — at save, and again at every delivery after resolving the name, because DNS can change
 * between the two. The delivery then connects to the address checked here (it is pinned, see
 * deliver.ts), so a name that answers a public address to the check and a private one to the
 * connection (DNS rebinding) gains nothing. Deployments whose receivers live on a private network
 * (and the demo) set LATCHKEY_WEBHOOKS_ALLOW_PRIVATE=on.
 */

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Hostname → addresses. Injectable, so tests need no real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Why a URL was refused: stable words for logs and the delivery log, never the address. */
export type RefusalReason = "scheme" | "credentials" | "unresolvable" | "private_address";

export class WebhookUrlRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`webhook URL refused: ${reason}`);
    this.name = "WebhookUrlRefused";
  }
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, the metadata service
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local (ULA), includes fd00:ec2::254
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * An IPv4 address carried inside IPv6 (`::ffff:10.0.0.1`, NAT64 `64:ff9b::a00:1`, 6to4
 * `2002:0a00:0001::`): judged as that IPv4 address, or the wrapper smuggles it past the list.
 */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const groups = expandIpv6(lower);
  if (!groups) return null;
  const asV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const isNat64 =
    groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (isMapped || isNat64) return asV4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return asV4(groups[1]!, groups[2]!);
  // IPv4-compatible (deprecated): ::a.b.c.d
  if (groups.slice(0, 6).every((g) => g === 0) && (groups[6]! > 0 || groups[7]! > 1))
    return asV4(groups[6]!, groups[7]!);
  return null;
}

function expandIpv6(address: string): number[] | null {
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const fill = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : fill < 0) return null;
  const groups = [...left, ...Array<number>(Math.max(fill, 0)).fill(0), ...right];
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? null : groups;
}

/** Whether an address is loopback, private, link-local, metadata or otherwise not public. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4 !== null) return blocked.check(v4, "ipv4");
  return blocked.check(address, "ipv6");
}

function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return LOOPBACK.check(address, "ipv4");
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    return v4 ? LOOPBACK.check(v4, "ipv4") : LOOPBACK.check(address, "ipv6");
  }
  return false;
}

export type WebhookTarget = { url: URL; address: string; family: 4 | 6 };

/**
 * Checks a URL and resolves its host: the address to connect to, or WebhookUrlRefused. https
 * always; plain http only to loopback and only when private targets are allowed (a receiver on
 * the same machine in the demo or a test). Every address the name resolves to must pass, not
 * just the first: the connection could otherwise be steered to another one.
 */
export async function resolveWebhookTarget(
  raw: string,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused("scheme");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new WebhookUrlRefused("scheme");
  if (url.username || url.password) throw new WebhookUrlRefused("credentials");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      throw new WebhookUrlRefused("unresolvable");
    }
  }
  if (addresses.length === 0) throw new WebhookUrlRefused("unresolvable");
  if (!options.allowPrivate && addresses.some((a) => isForbiddenAddress(a.address)))
    throw new WebhookUrlRefused("private_address");
  if (
    url.protocol === "http:" &&
    !(options.allowPrivate && addresses.every((a) => isLoopbackAddress(a.address)))
  )
    throw new WebhookUrlRefused("scheme");
  const chosen = addresses[0]!;
  return { url, address: chosen.address, family: chosen.family };
}
