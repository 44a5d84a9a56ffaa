import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import type { setOrganizationSecurity } from "@/lib/contracts/organizations";
import { setRequireTwoFactor } from "./organization-security";

/** Owners decide whether everyone in their organization must sign in with two factors. */
export async function setOrganizationSecurityService(
  ctx: ServiceContext<typeof setOrganizationSecurity>,
) {
  const { organizationId } = ctx.params;
  const { requireTwoFactor } = ctx.body;
  await setRequireTwoFactor((await ctx.deps()).db, organizationId, requireTwoFactor);
  return { organizationId, requireTwoFactor };
}
