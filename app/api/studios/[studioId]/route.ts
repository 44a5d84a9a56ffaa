import { canChangeKisiConnection, STUDIO_MANAGERS, STUDIO_STAFF } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/api/errors";
import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { updateStudioBodySchema } from "@/lib/schemas/studios";
import { studioSettingsView, updateStudio } from "@/lib/studios/settings";

// GET /api/studios/{studioId} – settings, branding with its contrast, geofence; the Kisi key only
// as its last four characters.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  return NextResponse.json(await studioSettingsView(await getDb(), studio));
});

// PATCH /api/studios/{studioId} – change settings (owners and managers; the Kisi group, which
// decides the doors guests get, owners only).
export const PATCH = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const { studio, role } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const body = await parseJsonBody(req, updateStudioBodySchema, locale);
  if (body.kisiGroupId !== undefined && !canChangeKisiConnection(role))
    throw new ApiError("forbidden");
  const db = await getDb();
  const updated = await updateStudio(
    { db, kisi: getKisiClient(), keyring: getConfig().encryption },
    studio,
    body,
  );
  return NextResponse.json(await studioSettingsView(db, updated));
});
