import { and, eq, isNull } from "drizzle-orm";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireSignedIn } from "@/lib/auth/guards";
import { setRequireTwoFactor } from "@/lib/auth/organization-security";
import { getDb } from "@/lib/db";
import { memberships } from "@/lib/db/schema";
import { isUuid } from "@/lib/schemas/ids";

const bodySchema = z.strictObject({ requireTwoFactor: z.boolean() });

// PUT /api/organizations/{organizationId}/security { requireTwoFactor } – owners of that
// organization decide whether everyone in it must sign in with two factors. Another
// organization (or none) is a 404.
export const PUT = withApi<{ organizationId: string }>(async ({ req, params, locale }) => {
  const userId = await requireSignedIn(req);
  const db = await getDb();
  if (!isUuid(params.organizationId)) throw new ApiError("not_found");
  const [owner] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organizationId, params.organizationId),
        eq(memberships.role, "owner"),
        isNull(memberships.studioId),
      ),
    );
  if (!owner) throw new ApiError("not_found");
  const { requireTwoFactor } = await parseJsonBody(req, bodySchema, locale);
  await setRequireTwoFactor(db, params.organizationId, requireTwoFactor);
  return NextResponse.json({ organizationId: params.organizationId, requireTwoFactor });
});
