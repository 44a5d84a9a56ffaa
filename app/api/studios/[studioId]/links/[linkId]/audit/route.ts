import { handle } from "@/lib/api/handle";
import { linkAudit } from "@/lib/contracts/links";
import { linkAuditService } from "@/lib/links/endpoints";

export const GET = handle(linkAudit, linkAuditService);
