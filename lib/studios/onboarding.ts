import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { accessLinks, kisiCredentials, kisiGroupDoors, studios } from "@/lib/db/schema";
import type { KISI_KEY_STATUSES } from "@/lib/schemas/kisi-key-status";
import type { OnboardingStep, StudioOnboarding } from "@/lib/schemas/onboarding";
import { studioReadiness } from "./readiness";

type StudioRow = typeof studios.$inferSelect;

/** The colours a new studio starts with (the schema's defaults): unchanged means not branded. */
const DEFAULT_COLORS = { primary: "#1d4ed8", accent: "#0f766e" } as const;

/**
 * Where a studio stands on the way to its first guest: the Kisi key (missing, refused by Kisi,
 * or refused the group), the group, its doors as last seen, branding, and a first link. It is
 * "connected" only when Kisi will open doors for it: a key Kisi has not refused and a group the
 * key may issue for. Issuing refuses the same cases on the server (studio_not_ready,
 * kisi_key_invalid); this is what the dashboard shows before anyone tries. Reads only, no Kisi
 * call: the key's status is what Kisi last said.
 */
export async function studioOnboarding(db: Db, studio: StudioRow): Promise<StudioOnboarding> {
  const [credential] = studio.kisiCredentialId
    ? await db
        .select({ status: kisiCredentials.status })
        .from(kisiCredentials)
        .where(eq(kisiCredentials.id, studio.kisiCredentialId))
    : [];
  const [doors] =
    studio.kisiGroupId === null
      ? [{ n: 0 }]
      : await db
          .select({ n: count() })
          .from(kisiGroupDoors)
          .where(
            and(
              eq(kisiGroupDoors.organizationId, studio.organizationId),
              eq(kisiGroupDoors.kisiGroupId, studio.kisiGroupId),
            ),
          );
  const [links] = await db
    .select({ n: count() })
    .from(accessLinks)
    .where(
      and(eq(accessLinks.studioId, studio.id), inArray(accessLinks.status, ["issued", "revoked"])),
    );

  const keyStatus = credential?.status ?? null;
  const key: OnboardingStep["state"] =
    keyStatus === null ? "todo" : keyStatus === "invalid" ? "problem" : "done";
  const group: OnboardingStep["state"] =
    studio.kisiGroupId === null ? "todo" : keyStatus === "group_forbidden" ? "problem" : "done";
  const branded =
    studio.logoPath !== null ||
    studio.primaryColor.toLowerCase() !== DEFAULT_COLORS.primary ||
    studio.accentColor.toLowerCase() !== DEFAULT_COLORS.accent;
  const readiness = studioReadiness({ kisiGroupId: studio.kisiGroupId, keyStatus });
  const connected = isConnected(keyStatus, studio.kisiGroupId);
  return {
    connected,
    reason: readiness.ready
      ? readiness.warning
      : ({ no_key: "key_missing", key_invalid: "key_rejected", no_group: "no_group" } as const)[
          readiness.blocker
        ],
    steps: [
      { id: "key", state: key },
      { id: "group", state: group },
      { id: "doors", state: (doors?.n ?? 0) > 0 ? "done" : "todo" },
      { id: "branding", state: branded ? "done" : "todo" },
      { id: "testLink", state: (links?.n ?? 0) > 0 ? "done" : "todo" },
    ],
  };
}

/**
 * Whether each studio is connected (the studio list): the same rule as `studioOnboarding`, for
 * many studios in one query, no Kisi call.
 */
export async function studiosConnected(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: studios.id, groupId: studios.kisiGroupId, status: kisiCredentials.status })
    .from(studios)
    .leftJoin(kisiCredentials, eq(kisiCredentials.id, studios.kisiCredentialId))
    .where(inArray(studios.id, [...ids]));
  return new Map(rows.map((r) => [r.id, isConnected(r.status, r.groupId)]));
}

/**
 * Kisi will open doors for the studio: issuing is not blocked (lib/studios/readiness.ts) and
 * Kisi has not refused the key for the group (a warning there, since issuing may clear it; here
 * the studio is shown "not connected" until it does).
 */
function isConnected(status: (typeof KISI_KEY_STATUSES)[number] | null, groupId: number | null) {
  const readiness = studioReadiness({ kisiGroupId: groupId, keyStatus: status });
  return readiness.ready && readiness.warning === null;
}
