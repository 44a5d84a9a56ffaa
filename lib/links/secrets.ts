import "server-only";
import { ApiError } from "@/lib/api/errors";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  type Keyring,
} from "@/lib/crypto/encryption";

/**
 * Associated data for every encrypted column, in one place: the envelope only opens for the
 * row and column it was written for (see lib/crypto/encryption.ts).
 */
export const secretContext = {
  accessToken: (linkId: string) => `access-token:${linkId}`,
  kisiLinkSecret: (linkId: string) => `kisi-link-secret:${linkId}`,
  kisiApiKey: (credentialId: string) => `kisi-api-key:${credentialId}`,
  webhookSecret: (endpointId: string) => `webhook-secret:${endpointId}`,
  webhookPreviousSecret: (endpointId: string) => `webhook-secret-previous:${endpointId}`,
} as const;

export function sealFor(context: string, plaintext: string, keyring: Keyring): string {
  return encryptSecret(plaintext, context, keyring);
}

export function openFor(context: string, envelope: string, keyring: Keyring): string {
  return decryptSecret(envelope, context, keyring);
}

/**
 * A link's access token, for its URL (copy, QR code, the email). A token sealed with a key that
 * is no longer configured, or damaged, is a handled `link_unreadable` (409) — the dashboard shows
 * "cannot be read — key missing" — never a 500. The fix is the operator's: put the old key back
 * in LATCHKEY_ENCRYPTION_KEYS_PREVIOUS, then run `npm run keys:rotate` (SECURITY.md).
 */
export function openLinkToken(link: { id: string; tokenCiphertext: string }, keyring: Keyring) {
  try {
    return openFor(secretContext.accessToken(link.id), link.tokenCiphertext, keyring);
  } catch (error) {
    if (error instanceof DecryptionError) throw new ApiError("link_unreadable", { cause: error });
    throw error;
  }
}
