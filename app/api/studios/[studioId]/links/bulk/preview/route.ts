import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { readBulkCsv, rowJson } from "@/lib/bulk/csv-request";

// POST /api/studios/{studioId}/links/bulk/preview – check a CSV (text/csv) without issuing
// anything: the rows that would be issued, and every bad row with its field, code and message.
export const POST = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  const { rows, errors, total } = await readBulkCsv(req, actor.studio, locale);
  return NextResponse.json(
    { total, valid: rows.map(rowJson), errors },
    { headers: { "Cache-Control": "no-store" } },
  );
});
