import { z } from "zod";
import { STUDIO_MANAGERS, STUDIO_STAFF } from "@/lib/auth/permissions";
import { auditRetentionBodySchema } from "@/lib/audit/schemas";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { STAFF_CHANGE_KINDS, staffAuditQuerySchema } from "@/lib/schemas/staff-audit";
import { defineContract } from "./define";
import { auditPageSchema } from "./links";
import { STUDIO_ERRORS, isoInstant, studioParams } from "./shared";

const staff = { kind: "studio", roles: STUDIO_STAFF } as const;
const managers = { kind: "studio", roles: STUDIO_MANAGERS } as const;

export const studioActivity = defineContract({
  id: "audit.activity",
  method: "GET",
  path: "/api/studios/{studioId}/activity",
  summary: "The studio's unlock attempts across its links, newest first",
  caller: staff,
  params: studioParams,
  query: auditQuerySchema,
  success: { status: 200, schema: auditPageSchema },
  errors: [...STUDIO_ERRORS, "invalid_request", "validation_failed"],
  internal: true,
});

const staffAuditEntry = z.object({
  id: z.uuid(),
  at: isoInstant,
  kind: z.string().meta({ description: `One of ${STAFF_CHANGE_KINDS.join(", ")}; more may come.` }),
  action: z.string(),
  subject: z.string().nullable(),
  actor: z.object({ kind: z.string(), userId: z.string().nullable(), name: z.string().nullable() }),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  ipHash: z.string().nullable(),
});

export const staffAudit = defineContract({
  id: "audit.staff",
  method: "GET",
  path: "/api/studios/{studioId}/staff-audit",
  summary: "Who changed what in the studio (owners also see organization-wide changes)",
  caller: managers,
  params: studioParams,
  query: staffAuditQuerySchema,
  success: {
    status: 200,
    schema: z.object({ items: z.array(staffAuditEntry), nextCursor: z.string().nullable() }),
  },
  errors: [...STUDIO_ERRORS, "invalid_request", "validation_failed"],
  internal: true,
});

const retention = z.object({ months: z.number().int().nullable() });

export const getAuditRetention = defineContract({
  id: "audit.retention",
  method: "GET",
  path: "/api/studios/{studioId}/audit-retention",
  summary: "How long the organization keeps its unlock audit (null: everything)",
  caller: managers,
  params: studioParams,
  success: { status: 200, schema: retention },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const setAuditRetention = defineContract({
  id: "audit.setRetention",
  method: "PUT",
  path: "/api/studios/{studioId}/audit-retention",
  summary: "Set the retention for every studio of the organization (owners only)",
  caller: { kind: "studio", roles: ["owner"] },
  params: studioParams,
  body: auditRetentionBodySchema,
  success: { status: 200, schema: retention },
  errors: [...STUDIO_ERRORS, "validation_failed"],
  internal: true,
});
