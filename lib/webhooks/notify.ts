import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { emailOutbox, memberships, studios, user, type webhookEndpoints } from "@/lib/db/schema";
import type { Tx } from "./record";

/**
 * Tells the studio's owners and managers that Latchkey disabled one of its endpoints: one email
 * each through the outbox, on the transaction that disabled it (so it is sent once, whichever
 * instance disabled it, and never for a disable that rolled back). Owners of the organization
 * count as the studio's managers, as everywhere else.
 */
export async function notifyEndpointDisabled(
  tx: Tx,
  endpoint: typeof webhookEndpoints.$inferSelect,
): Promise<number> {
  const [studio] = await tx.select().from(studios).where(eq(studios.id, endpoint.studioId));
  if (!studio) return 0;
  const people = await tx
    .selectDistinct({ email: user.email })
    .from(memberships)
    .innerJoin(user, eq(user.id, memberships.userId))
    .where(
      or(
        and(eq(memberships.studioId, studio.id), inArray(memberships.role, [...STUDIO_MANAGERS])),
        and(
          eq(memberships.organizationId, studio.organizationId),
          isNull(memberships.studioId),
          eq(memberships.role, "owner"),
        ),
      ),
    );
  if (people.length === 0) return 0;
  await tx.insert(emailOutbox).values(
    people.map((p) => ({
      kind: "webhook_disabled" as const,
      webhookEndpointId: endpoint.id,
      studioId: studio.id,
      recipient: p.email,
      locale: studio.defaultLocale,
    })),
  );
  return people.length;
}
