import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import { auditCsv } from "@/lib/audit/export-csv";
import { getConfig } from "@/lib/config";
import type { exportActivity, exportStaffAudit, linkQrCode } from "@/lib/contracts/exports";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { linkQrSvg } from "@/lib/links/qr-code";
import { staffAuditCsvHeader, staffAuditCsvRow } from "@/lib/staff-audit/csv";
import { allStaffAudit } from "@/lib/staff-audit/list";
import { csvDownload, datedFilename } from "./csv-download";

/** The whole unlock audit, streamed page by page (a million rows never sit in memory). */
export async function exportActivityService(ctx: ServiceContext<typeof exportActivity>) {
  const { db } = await ctx.deps();
  return csvDownload(datedFilename("latchkey-audit", ctx.now), auditCsv(db, ctx.caller.studio.id), {
    bom: true,
  });
}

/** The staff audit with the list's filters; owners also get organization-wide changes. */
export async function exportStaffAuditService(ctx: ServiceContext<typeof exportStaffAudit>) {
  const { db } = await ctx.deps();
  const { studio, role } = ctx.caller;
  const entries = allStaffAudit(db, { studio, includeOrganization: role === "owner" }, ctx.query);
  async function* lines() {
    yield `${staffAuditCsvHeader()}\r\n`;
    for await (const entry of entries) yield `${staffAuditCsvRow(entry)}\r\n`;
  }
  return csvDownload(datedFilename("staff-audit", ctx.now), lines(), { bom: false });
}

/**
 * The link's URL as an SVG QR code, drawn here. Its own CSP: the SVG is served from our origin,
 * and opened on its own it must not run anything.
 */
export async function linkQrCodeService(ctx: ServiceContext<typeof linkQrCode>) {
  const { db } = await ctx.deps();
  const link = await findStudioLinkOrThrow(db, ctx.caller.studio.id, ctx.params.linkId);
  return new Response(await linkQrSvg(link, getConfig()), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
