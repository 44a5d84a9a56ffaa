import "server-only";
import { eq } from "drizzle-orm";
import type { Keyring } from "@/lib/crypto/encryption";
import type { Db } from "@/lib/db";
import { kisiCredentials, studios } from "@/lib/db/schema";
import { kisiKeyBudget, type KisiLoginAuth } from "@/lib/kisi/client";
import { openFor, secretContext } from "./secrets";

/** A studio's Kisi API key as call credentials, or null when it has none or Kisi refused it. */
export async function studioKisiAuth(
  deps: { db: Db; keyring: Keyring },
  studioId: string,
): Promise<KisiLoginAuth | null> {
  const [row] = await deps.db
    .select({ credential: kisiCredentials })
    .from(studios)
    .innerJoin(kisiCredentials, eq(kisiCredentials.id, studios.kisiCredentialId))
    .where(eq(studios.id, studioId));
  if (!row || row.credential.status === "invalid") return null;
  return credentialAuth(row.credential, deps.keyring);
}

/**
 * A stored credential as Kisi call credentials: the key decrypted for this call only, and the
 * pacing lane of that key. The one place a studio's Kisi key is opened.
 */
export function credentialAuth(
  credential: { id: string; apiKeyCiphertext: string; apiKeyFingerprint: string },
  keyring: Keyring,
): KisiLoginAuth {
  const apiKey = openFor(
    secretContext.kisiApiKey(credential.id),
    credential.apiKeyCiphertext,
    keyring,
  );
  return { scheme: "login", apiKey, budgetKey: kisiKeyBudget(credential.apiKeyFingerprint) };
}
