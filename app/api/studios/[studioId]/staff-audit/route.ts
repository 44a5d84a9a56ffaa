import { handle } from "@/lib/api/handle";
import { staffAudit } from "@/lib/contracts/audit";
import { staffAuditService } from "@/lib/staff-audit/endpoints";

export const GET = handle(staffAudit, staffAuditService);
