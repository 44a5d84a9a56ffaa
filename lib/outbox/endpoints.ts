import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import { getConfig } from "@/lib/config";
import type { listOutbox, readOutboxEmail } from "@/lib/contracts/outbox";
import { listOutboxEmails, readOutboxEmail as readEmail } from "./list-emails";

/** The studio's emails, newest first. */
export async function listOutboxService(ctx: ServiceContext<typeof listOutbox>) {
  const { db } = await ctx.deps();
  return listOutboxEmails(db, ctx.caller.studio.id, ctx.query);
}

/** One email, composed again as the worker composes it (door list included when Kisi answers). */
export async function readOutboxEmailService(ctx: ServiceContext<typeof readOutboxEmail>) {
  const deps = await ctx.deps();
  const config = getConfig();
  return readEmail(
    {
      ...deps,
      fromAddress: config.email.from,
      doorCacheMs: config.doorCacheSeconds * 1000,
    },
    ctx.caller.studio.id,
    ctx.params.emailId,
  );
}
