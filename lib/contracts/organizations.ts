import { z } from "zod";
import { defineContract } from "./define";

export const organizationSecurityBodySchema = z.strictObject({ requireTwoFactor: z.boolean() });

export const setOrganizationSecurity = defineContract({
  id: "organizations.setSecurity",
  method: "PUT",
  path: "/api/organizations/{organizationId}/security",
  summary: "Whether everyone in the organization must sign in with two factors",
  description: "Owners of that organization only; another organization (or none) is a 404.",
  caller: { kind: "owner", organizationInPath: true },
  params: z.object({ organizationId: z.string() }),
  body: organizationSecurityBodySchema,
  success: {
    status: 200,
    schema: z.object({ organizationId: z.uuid(), requireTwoFactor: z.boolean() }),
  },
  errors: ["unauthorized", "not_found", "rate_limited", "validation_failed"],
  internal: true,
});
