import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKisiClient } from "@/lib/kisi";
import { readOutboxEmail } from "@/lib/outbox/list-emails";

// GET /api/studios/{studioId}/outbox/{emailId} – one email with its HTML and text, to read.
export const GET = withApi<{ studioId: string; emailId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  const config = getConfig();
  const email = await readOutboxEmail(
    {
      db: await getDb(),
      keyring: config.encryption,
      appOrigin: config.appOrigin,
      fromAddress: config.email.from,
      // Composed as the worker composes it, door list included when Kisi answers in time.
      kisi: getKisiClient(),
      doorCacheMs: config.doorCacheSeconds * 1000,
    },
    studio.id,
    params.emailId,
  );
  return NextResponse.json(email);
});
