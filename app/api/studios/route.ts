import { and, eq, isNull } from "drizzle-orm";
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireSignedIn } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { memberships } from "@/lib/db/schema";
import { createStudioBodySchema } from "@/lib/schemas/studios";
import { createStudio, studioSettingsView } from "@/lib/studios/settings";

// POST /api/studios – an owner adds a studio to their organization (the one they own, or the
// organizationId they name when they own several).
export const POST = withApi(async ({ req, locale }) => {
  const userId = await requireSignedIn(req);
  const body = await parseJsonBody(req, createStudioBodySchema, locale);
  const db = await getDb();
  const owned = (
    await db
      .select({ organizationId: memberships.organizationId })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, userId),
          eq(memberships.role, "owner"),
          isNull(memberships.studioId),
        ),
      )
  ).map((m) => m.organizationId);
  if (owned.length === 0) throw new ApiError("forbidden");
  const organizationId = body.organizationId ?? (owned.length === 1 ? owned[0] : undefined);
  if (!organizationId)
    throw new ApiError("validation_failed", {
      issues: [{ path: "organizationId", message: "organizationRequired" }],
    });
  if (!owned.includes(organizationId)) throw new ApiError("not_found");
  const studio = await createStudio(db, organizationId, {
    name: body.name,
    timeZone: body.timeZone,
    defaultLocale: body.defaultLocale,
  });
  return NextResponse.json(await studioSettingsView(db, studio), { status: 201 });
});
