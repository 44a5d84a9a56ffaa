import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { bulkTemplate } from "@/lib/bulk/validate-csv";

// GET /api/studios/{studioId}/links/bulk/template – a CSV to fill in: the header and two rows.
export const GET = withApi<{ studioId: string }>(async ({ req, params }) => {
  await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  // A byte-order mark, so spreadsheet programs read accented names as UTF-8.
  return new Response(`\uFEFF${bulkTemplate()}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="latchkey-bulk-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});
