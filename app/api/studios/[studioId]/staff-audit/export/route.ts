import { handle } from "@/lib/api/handle";
import { exportStaffAudit } from "@/lib/contracts/exports";
import { exportStaffAuditService } from "@/lib/exports/endpoints";

export const GET = handle(exportStaffAudit, exportStaffAuditService);
