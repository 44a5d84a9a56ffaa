import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { kisiGroupsOf } from "@/lib/studios/settings";

// GET /api/studios/{studioId}/kisi-groups – the Kisi groups the studio's key sees, to pick one.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const groups = await kisiGroupsOf(
    { db: await getDb(), kisi: getKisiClient(), keyring: getConfig().encryption },
    studio,
  );
  return NextResponse.json({ groups });
});
