import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { passkey } from "@/lib/db/schema";
import { recordOwnSecurityChange } from "./two-factor";

/** How the audit and the account page name a passkey: its own name, else when it was added. */
export type PasskeyRef = { id: string; name: string | null };

/** A person's own passkey by id, or null (someone else's is null too). */
export async function ownPasskey(db: Db, userId: string, id: string): Promise<PasskeyRef | null> {
  const [row] = await db
    .select({ id: passkey.id, name: passkey.name })
    .from(passkey)
    .where(and(eq(passkey.id, id), eq(passkey.userId, userId)));
  return row ?? null;
}

/**
 * A person added or removed one of their own passkeys: recorded like a two-factor change, so a
 * passkey planted with a stolen session and the password leaves a trace. Never the key itself
 * (it is public anyway) nor the credential id: its name (or, unnamed, its row id) tells which.
 */
export async function recordOwnPasskeyChange(
  db: Db,
  userId: string,
  change: { added: PasskeyRef } | { removed: PasskeyRef },
): Promise<void> {
  const added = "added" in change;
  const ref = added ? change.added : change.removed;
  const label = ref.name ?? ref.id;
  await recordOwnSecurityChange(db, userId, {
    action: added ? "passkey_added" : "passkey_removed",
    changes: { passkey: added ? { before: null, after: label } : { before: label, after: null } },
  });
}
