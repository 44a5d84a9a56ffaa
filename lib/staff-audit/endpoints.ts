import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import type { staffAudit } from "@/lib/contracts/audit";
import { listStaffAudit } from "./list";

/** Who changed what in the studio; owners also see organization-wide changes. */
export async function staffAuditService(ctx: ServiceContext<typeof staffAudit>) {
  const { db } = await ctx.deps();
  const { studio, role } = ctx.caller;
  return listStaffAudit(db, { studio, includeOrganization: role === "owner" }, ctx.query);
}
