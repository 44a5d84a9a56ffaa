import "server-only";
import { eq } from "drizzle-orm";
import type { ServiceContext } from "@/lib/api/handle";
import type { setDashboardLanguage, studioToday } from "@/lib/contracts/dashboard";
import { user } from "@/lib/db/schema";
import { studioToday as today } from "@/lib/studios/today";

/** A studio's today, in its own time zone, door names in the reader's language. */
export async function studioTodayService(ctx: ServiceContext<typeof studioToday>) {
  const { db } = await ctx.deps();
  return today(db, ctx.caller.studio, ctx.now, ctx.locale);
}

/** Keeps the person's dashboard language on their account (null: follow the browser). */
export async function setDashboardLanguageService(
  ctx: ServiceContext<typeof setDashboardLanguage>,
) {
  const { db } = await ctx.deps();
  await db
    .update(user)
    .set({ locale: ctx.body.locale, updatedAt: ctx.now })
    .where(eq(user.id, ctx.caller.userId));
  return { locale: ctx.body.locale };
}
