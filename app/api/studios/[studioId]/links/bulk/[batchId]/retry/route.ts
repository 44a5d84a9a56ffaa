import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getStudioBatchOrThrow, retryFailedRows } from "@/lib/bulk/batches";
import { getDb } from "@/lib/db";

// POST /api/studios/{studioId}/links/bulk/{batchId}/retry – queue the failed rows again. Each
// keeps its idempotency key, so no row can end up with two links.
export const POST = withApi<{ studioId: string; batchId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  const db = await getDb();
  const { batch } = await getStudioBatchOrThrow(db, actor.studio.id, params.batchId);
  return NextResponse.json({ id: batch.id, retried: await retryFailedRows(db, batch.id) });
});
