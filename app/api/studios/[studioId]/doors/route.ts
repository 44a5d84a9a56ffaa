import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { doorOverrideBodySchema } from "@/lib/schemas/studio-settings";
import { setDoorOverride, studioDoors } from "@/lib/studios/doors";

const deps = async () => ({
  db: await getDb(),
  kisi: getKisiClient(),
  keyring: getConfig().encryption,
});

// GET /api/studios/{studioId}/doors – the doors of the studio's Kisi group, each with its
// geofence override and display names per language, and the Kisi place's coordinates.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  return NextResponse.json(await studioDoors(await deps(), studio));
});

// PUT /api/studios/{studioId}/doors – one door's override (inherit, off, or custom) and,
// optionally, its display names per language.
export const PUT = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const body = await parseJsonBody(req, doorOverrideBodySchema, locale);
  const saved = await setDoorOverride(await deps(), studio, body);
  return NextResponse.json({ lockId: body.lockId, ...saved });
});
