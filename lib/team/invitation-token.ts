import "server-only";
import { decryptSecret, encryptSecret, type Keyring } from "@/lib/crypto/encryption";
import { generateAccessToken, hashAccessToken, isWellFormedAccessToken } from "@/lib/crypto/tokens";

/**
 * Invitation tokens are made like access tokens (256 bits from the CSPRNG, base64url, only the
 * SHA-256 stored) but live under /invite/, so one can never be mistaken for the other.
 */
export const newInvitationToken = generateAccessToken;
export const hashInvitationToken = hashAccessToken;
export const isWellFormedInvitationToken = isWellFormedAccessToken;

export function invitationUrl(appOrigin: string, token: string): string {
  return `${appOrigin}/invite/${token}`;
}

/** The outbox row carrying an invitation email keeps the token sealed to that row only. */
const outboxContext = (outboxId: string) => `invitation-token:${outboxId}`;

export function sealInvitationToken(outboxId: string, token: string, keyring: Keyring): string {
  return encryptSecret(token, outboxContext(outboxId), keyring);
}

export function openInvitationToken(outboxId: string, envelope: string, keyring: Keyring): string {
  return decryptSecret(envelope, outboxContext(outboxId), keyring);
}
