import { KISI_CONNECTION_ROLES } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { kisiKeyBodySchema } from "@/lib/schemas/studios";
import { connectKisiKey } from "@/lib/studios/settings";

// PUT /api/studios/{studioId}/kisi-key – connect or replace the Kisi API key. Verified with Kisi
// first; stored encrypted; write-only: the answer holds its last four characters and the groups.
// Owners only: the key decides which doors the studio's guest links can reach.
export const PUT = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const { studio } = await requireStudioRole(req, params.studioId, KISI_CONNECTION_ROLES);
  const { apiKey } = await parseJsonBody(req, kisiKeyBodySchema, locale);
  const groups = await connectKisiKey(
    { db: await getDb(), kisi: getKisiClient(), keyring: getConfig().encryption },
    studio,
    apiKey,
  );
  return NextResponse.json({ keyLast4: apiKey.slice(-4), groups });
});
