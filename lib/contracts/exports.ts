import { staffAuditQuerySchema } from "@/lib/schemas/staff-audit";
import { defineContract } from "./define";
import { STUDIO_ERRORS, linkParams, studioManagers, studioParams, studioStaff } from "./shared";

/** Files the dashboard downloads: the audit exports (CSV) and a link's QR code (SVG). */
export const exportActivity = defineContract({
  id: "exports.activity",
  method: "GET",
  path: "/api/studios/{studioId}/activity/export",
  summary: "The studio's whole unlock audit as CSV, to keep before retention prunes it",
  caller: studioManagers,
  params: studioParams,
  success: { status: 200, media: "text/csv" },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const exportStaffAudit = defineContract({
  id: "exports.staffAudit",
  method: "GET",
  path: "/api/studios/{studioId}/staff-audit/export",
  summary: "The staff audit's entries as CSV, every page of them, with the list's filters",
  caller: studioManagers,
  params: studioParams,
  query: staffAuditQuerySchema.omit({ cursor: true, limit: true }),
  success: { status: 200, media: "text/csv" },
  errors: [...STUDIO_ERRORS, "validation_failed"],
  internal: true,
});

export const linkQrCode = defineContract({
  id: "exports.linkQr",
  method: "GET",
  path: "/api/studios/{studioId}/links/{linkId}/qr",
  summary: "The link's URL as an SVG QR code",
  description:
    "Drawn by the server, so no outside service ever sees the token; only for staff, who may " +
    "copy the URL anyway.",
  caller: studioStaff,
  params: linkParams,
  success: { status: 200, media: "image/svg+xml" },
  errors: [...STUDIO_ERRORS, "link_unreadable"],
  internal: true,
});
