import "server-only";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { studioLogos, studios } from "@/lib/db/schema";
import { MAX_LOGO_BYTES } from "@/lib/schemas/studios";
import { recordStaffChange } from "@/lib/staff-audit/record";

export type LogoType = "image/png" | "image/jpeg" | "image/webp";

/**
 * The image type, judged from the bytes themselves: a declared Content-Type is not trusted.
 * SVG is refused on purpose: it can carry scripts.
 */
export function sniffImageType(bytes: Buffer): LogoType | null {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return "image/jpeg";
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString("latin1") === "RIFF" &&
    bytes.subarray(8, 12).toString("latin1") === "WEBP"
  )
    return "image/webp";
  return null;
}

/** The public path of a studio's logo; the version makes a new upload bypass caches. */
export function logoPath(studioId: string, updatedAt: Date): string {
  return `/api/studio-logos/${studioId}?v=${updatedAt.getTime()}`;
}

export async function saveStudioLogo(db: Db, studioId: string, bytes: Buffer): Promise<string> {
  if (bytes.length === 0)
    throw new ApiError("invalid_request", { issues: [{ path: "body", message: "emptyBody" }] });
  if (bytes.length > MAX_LOGO_BYTES) throw new ApiError("payload_too_large");
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new ApiError("unsupported_media_type");
  const now = new Date();
  const path = logoPath(studioId, now);
  await db.transaction(async (tx) => {
    await tx
      .insert(studioLogos)
      .values({ studioId, contentType, bytes, updatedAt: now })
      .onConflictDoUpdate({
        target: studioLogos.studioId,
        set: { contentType, bytes, updatedAt: now },
      });
    await tx
      .update(studios)
      .set({ logoPath: path, updatedAt: now })
      .where(eq(studios.id, studioId));
    await recordStaffChange(tx, { studioId, kind: "settings", action: "logo_uploaded" });
  });
  return path;
}

export async function removeStudioLogo(db: Db, studioId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(studioLogos).where(eq(studioLogos.studioId, studioId));
    await tx
      .update(studios)
      .set({ logoPath: null, updatedAt: new Date() })
      .where(eq(studios.id, studioId));
    await recordStaffChange(tx, { studioId, kind: "settings", action: "logo_removed" });
  });
}

export async function loadStudioLogo(db: Db, studioId: string) {
  const [logo] = await db.select().from(studioLogos).where(eq(studioLogos.studioId, studioId));
  return logo ?? null;
}
