import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withApi, zodLocaleError } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { createBatch } from "@/lib/bulk/batches";
import { readBulkCsv } from "@/lib/bulk/csv-request";
import { getDb } from "@/lib/db";

const bulkQuerySchema = z.object({
  skipInvalid: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

// POST /api/studios/{studioId}/links/bulk?skipInvalid=true – issue a link per CSV row, in the
// background (poll GET …/bulk/{batchId}). Any bad row refuses the whole file (422 with the rows
// in `issues`) unless skipInvalid=true, which issues the good rows and reports the others.
export const POST = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  // Checked up front: otherwise every row would fail the same way, one by one.
  if (!actor.studio.kisiCredentialId || !actor.studio.kisiGroupId)
    throw new ApiError("studio_not_ready");
  const { rows, errors } = await readBulkCsv(req, actor.studio, locale);
  const { skipInvalid } = bulkQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), {
    error: zodLocaleError(locale),
  });
  if ((errors.length && !skipInvalid) || rows.length === 0) {
    throw new ApiError("validation_failed", {
      issues: errors.map((e) => ({
        path: `row ${e.row}${e.field ? `.${e.field}` : ""}`,
        message: e.message,
      })),
    });
  }
  const batch = await createBatch(await getDb(), {
    studioId: actor.studio.id,
    createdBy: actor.userId,
    rows,
  });
  return NextResponse.json(
    { id: batch.id, status: "queued", total: batch.total, skipped: errors.map((e) => e.row) },
    { status: 201 },
  );
});
