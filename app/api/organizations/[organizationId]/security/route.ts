import { handle } from "@/lib/api/handle";
import { setOrganizationSecurity } from "@/lib/contracts/organizations";
import { setOrganizationSecurityService } from "@/lib/auth/organization-endpoints";

export const PUT = handle(setOrganizationSecurity, setOrganizationSecurityService);
