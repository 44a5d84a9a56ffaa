import "server-only";
import { decryptSecret, encryptSecret, type Keyring } from "@/lib/crypto/encryption";

/**
 * Associated data for every encrypted column, in one place: the envelope only opens for the
 * row and column it was written for (see lib/crypto/encryption.ts).
 */
export const secretContext = {
  accessToken: (linkId: string) => `access-token:${linkId}`,
  kisiLinkSecret: (linkId: string) => `kisi-link-secret:${linkId}`,
  kisiApiKey: (credentialId: string) => `kisi-api-key:${credentialId}`,
} as const;

export function sealFor(context: string, plaintext: string, keyring: Keyring): string {
  return encryptSecret(plaintext, context, keyring);
}

export function openFor(context: string, envelope: string, keyring: Keyring): string {
  return decryptSecret(envelope, context, keyring);
}
