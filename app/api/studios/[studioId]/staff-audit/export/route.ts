import { withApi, zodLocaleError } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { staffAuditCsvHeader, staffAuditCsvRow } from "@/lib/staff-audit/csv";
import { allStaffAudit, staffAuditQuerySchema } from "@/lib/staff-audit/list";

// GET /api/studios/{studioId}/staff-audit/export?kind=&actor= – the same entries as CSV, every
// page of them, streamed. Owners and managers only.
export const GET = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const { kind, actor: person } = staffAuditQuerySchema
    .omit({ cursor: true, limit: true })
    .parse(Object.fromEntries(req.nextUrl.searchParams), { error: zodLocaleError(locale) });
  const db = await getDb();
  const scope = { studio: actor.studio, includeOrganization: actor.role === "owner" };
  const entries = allStaffAudit(db, scope, { kind, actor: person });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${staffAuditCsvHeader()}\r\n`));
    },
    async pull(controller) {
      const next = await entries.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${staffAuditCsvRow(next.value)}\r\n`));
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="staff-audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
