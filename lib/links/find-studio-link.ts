import "server-only";
import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { accessLinks } from "@/lib/db/schema";
import { isUuid } from "@/lib/schemas/ids";

/** A link of this studio, or 404 — also for another studio's link: ids reveal nothing. */
export async function findStudioLinkOrThrow(db: Db, studioId: string, linkId: string) {
  if (!isUuid(linkId)) throw new ApiError("not_found");
  const [link] = await db
    .select()
    .from(accessLinks)
    .where(and(eq(accessLinks.id, linkId), eq(accessLinks.studioId, studioId)));
  if (!link) throw new ApiError("not_found");
  return link;
}
