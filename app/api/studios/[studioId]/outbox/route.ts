import { NextResponse } from "next/server";
import { withApi, zodLocaleError } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listOutboxEmails } from "@/lib/outbox/list-emails";
import { listOutboxQuerySchema } from "@/lib/outbox/schemas";

// GET /api/studios/{studioId}/outbox?cursor=&status= – the studio's emails, newest first.
export const GET = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  const query = listOutboxQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), {
    error: zodLocaleError(locale),
  });
  return NextResponse.json(await listOutboxEmails(await getDb(), studio.id, query));
});
