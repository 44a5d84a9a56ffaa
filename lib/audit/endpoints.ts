import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import type { getAuditRetention, setAuditRetention, studioActivity } from "@/lib/contracts/audit";
import {
  getAuditRetention as readRetention,
  setAuditRetention as writeRetention,
} from "./retention";
import { listUnlockAudit } from "./unlock-audit";

/** The studio's unlock attempts across its links, newest first. */
export async function studioActivityService(ctx: ServiceContext<typeof studioActivity>) {
  const { db } = await ctx.deps();
  return listUnlockAudit(db, { studioId: ctx.caller.studio.id, locale: ctx.locale }, ctx.query);
}

/** How long the studio's organization keeps its unlock audit ({ months: null } keeps all). */
export async function auditRetentionService(ctx: ServiceContext<typeof getAuditRetention>) {
  const { db } = await ctx.deps();
  return { months: await readRetention(db, ctx.caller.studio.organizationId) };
}

/** Owners only: it applies to every studio of the organization; older attempts are pruned. */
export async function setAuditRetentionService(ctx: ServiceContext<typeof setAuditRetention>) {
  const { db } = await ctx.deps();
  await writeRetention(db, ctx.caller.studio.organizationId, ctx.body.months);
  return { months: ctx.body.months };
}
