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
  const apiKey = openFor(
    secretContext.kisiApiKey(row.credential.id),
    row.credential.apiKeyCiphertext,
    deps.keyring,
  );
  return { scheme: "login", apiKey, budgetKey: kisiKeyBudget(row.credential.apiKeyFingerprint) };
}
