import { CLIENT_ADDRESS_HEADER, markClientAddressTrusted } from "@/lib/server/client-address";

/**
 * Headers of a request that came through the production server wrapper from `address`: what
 * lib/server/request-gate.ts sets before a route handler runs. Tests that call handlers directly
 * use this to give each case its own client address.
 */
export function fromClient(address: string): Record<string, string> {
  markClientAddressTrusted();
  return { [CLIENT_ADDRESS_HEADER]: address };
}
