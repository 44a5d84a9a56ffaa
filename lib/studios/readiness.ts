import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { kisiCredentials, studios } from "@/lib/db/schema";
import type { KISI_KEY_STATUSES } from "@/lib/schemas/kisi-key-status";

/**
 * Whether a studio can issue links, and if not the first thing to fix. Issuing itself asks this
 * (lib/links/issue-link.ts: `studio_not_ready` without a key or a group, `kisi_key_invalid` for a
 * key Kisi refused), and the dashboard asks it before anyone fills in a form, so "New link" is
 * disabled with the reason and a way to settings instead of failing on submit.
 *
 * A key Kisi refused for the group (`group_forbidden`) does not block: issuing still tries, and
 * the first create Kisi accepts (its user was given the rights) clears it. It is reported as a
 * warning so the page can say why issuing may fail.
 */
export type ReadinessBlocker = "no_key" | "key_invalid" | "no_group";
export type StudioReadiness =
  { ready: true; warning: "group_forbidden" | null } | { ready: false; blocker: ReadinessBlocker };

export function studioReadiness(studio: {
  kisiGroupId: number | null;
  keyStatus: (typeof KISI_KEY_STATUSES)[number] | null;
}): StudioReadiness {
  if (studio.keyStatus === null) return { ready: false, blocker: "no_key" };
  if (studio.keyStatus === "invalid") return { ready: false, blocker: "key_invalid" };
  if (studio.kisiGroupId === null) return { ready: false, blocker: "no_group" };
  return {
    ready: true,
    warning: studio.keyStatus === "group_forbidden" ? "group_forbidden" : null,
  };
}

/** The studio's readiness from the database (its key's stored status, its group). */
export async function loadStudioReadiness(db: Db, studioId: string): Promise<StudioReadiness> {
  const [row] = await db
    .select({ kisiGroupId: studios.kisiGroupId, keyStatus: kisiCredentials.status })
    .from(studios)
    .leftJoin(kisiCredentials, eq(kisiCredentials.id, studios.kisiCredentialId))
    .where(eq(studios.id, studioId));
  if (!row) return { ready: false, blocker: "no_key" };
  return studioReadiness(row);
}
