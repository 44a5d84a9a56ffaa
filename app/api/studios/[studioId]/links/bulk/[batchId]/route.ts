import { NextResponse } from "next/server";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getStudioBatchOrThrow } from "@/lib/bulk/batches";
import { getDb } from "@/lib/db";
import { translator } from "@/lib/i18n/translator";

// GET /api/studios/{studioId}/links/bulk/{batchId} – a batch's progress and each row's result
// (the issued link's id, or why it failed, in the caller's language).
export const GET = withApi<{ studioId: string; batchId: string }>(
  async ({ req, params, locale }) => {
    const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
    const { batch, rows } = await getStudioBatchOrThrow(
      await getDb(),
      actor.studio.id,
      params.batchId,
    );
    const t = await translator(locale, "Errors");
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    return NextResponse.json(
      {
        id: batch.id,
        status: batch.status,
        total: batch.total,
        issued: count("issued"),
        failed: count("failed"),
        pending: count("pending"),
        createdAt: batch.createdAt.toISOString(),
        finishedAt: batch.finishedAt?.toISOString() ?? null,
        rows: rows.map((r) => ({
          row: r.row,
          name: r.guestName,
          status: r.status,
          linkId: r.linkId,
          error: r.errorCode
            ? {
                code: r.errorCode,
                message: t(
                  (ERROR_CODES[r.errorCode as ErrorCode] ?? ERROR_CODES.internal_error).message,
                ),
              }
            : null,
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
