import { withApi } from "@/lib/api/handler";
import { auditCsv } from "@/lib/audit/export-csv";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

// GET /api/studios/{studioId}/activity/export – the studio's whole unlock audit as CSV (owners
// and managers), to keep before the organization's retention prunes it.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const rows = auditCsv(await getDb(), actor.studio.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    // A byte-order mark, so spreadsheet programs read accented names as UTF-8.
    start: (controller) => controller.enqueue(encoder.encode("\uFEFF")),
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel: () => void rows.return(undefined),
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="latchkey-audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
