import { handle } from "@/lib/api/handle";
import { auditRetentionService, setAuditRetentionService } from "@/lib/audit/endpoints";
import { getAuditRetention, setAuditRetention } from "@/lib/contracts/audit";

export const GET = handle(getAuditRetention, auditRetentionService);
export const PUT = handle(setAuditRetention, setAuditRetentionService);
