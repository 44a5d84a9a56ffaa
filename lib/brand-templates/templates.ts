import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { brandTemplates, passTypes, studioLogos, studios } from "@/lib/db/schema";
import { logoPath } from "@/lib/studios/logo";
import { recordBrandTemplateApplied, recordBrandTemplateChange } from "@/lib/staff-audit/record";
import type { CreateBrandTemplateBody, UpdateBrandTemplateBody } from "./schemas";
import { isUuid } from "@/lib/schemas/ids";
import { isUniqueViolation } from "@/lib/db/errors";

type TemplateRow = typeof brandTemplates.$inferSelect;

/** A template as the API shows it: the logo as a flag, never its bytes. */
export function brandTemplateView(t: TemplateRow) {
  return {
    id: t.id,
    organizationId: t.organizationId,
    name: t.name,
    primaryColor: t.primaryColor,
    accentColor: t.accentColor,
    senderName: t.senderName,
    replyTo: t.replyTo,
    supportEmail: t.supportEmail,
    supportPhone: t.supportPhone,
    hasLogo: Boolean(t.logoBytes),
    passTypes: t.passTypes.map((p) => ({
      name: p.name,
      rules: p.rules,
      windowMinutes: p.windowMinutes,
      locale: p.locale ?? null,
    })),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type BrandTemplateView = ReturnType<typeof brandTemplateView>;

/** Templates of the organizations the caller owns. */
export async function listBrandTemplates(db: Db, organizationIds: string[]) {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .select()
    .from(brandTemplates)
    .where(inArray(brandTemplates.organizationId, organizationIds))
    .orderBy(asc(brandTemplates.name));
  return rows.map(brandTemplateView);
}

/** One template of an organization the caller owns; any other id is the same 404. */
export async function findBrandTemplateOrThrow(
  db: Db,
  organizationIds: string[],
  templateId: string,
): Promise<TemplateRow> {
  if (!isUuid(templateId) || organizationIds.length === 0) throw new ApiError("not_found");
  const [row] = await db
    .select()
    .from(brandTemplates)
    .where(
      and(
        eq(brandTemplates.id, templateId),
        inArray(brandTemplates.organizationId, organizationIds),
      ),
    );
  if (!row) throw new ApiError("not_found");
  return row;
}

// A name is unique per organization: a second one is a 409, not a 500.
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", { cause: error });
    throw error;
  }
}

export async function createBrandTemplate(
  db: Db,
  organizationIds: string[],
  body: CreateBrandTemplateBody,
): Promise<TemplateRow> {
  let values: typeof brandTemplates.$inferInsert;
  if (body.fromStudioId) {
    // A snapshot of the studio's branding, logo included; later studio changes stay there.
    const [studio] = await db
      .select()
      .from(studios)
      .where(
        and(eq(studios.id, body.fromStudioId), inArray(studios.organizationId, organizationIds)),
      );
    if (!studio) throw new ApiError("not_found");
    const [logo] = await db.select().from(studioLogos).where(eq(studioLogos.studioId, studio.id));
    values = {
      organizationId: studio.organizationId,
      name: body.name,
      primaryColor: body.primaryColor ?? studio.primaryColor,
      accentColor: body.accentColor ?? studio.accentColor,
      senderName: body.senderName !== undefined ? body.senderName : studio.senderName,
      replyTo: body.replyTo !== undefined ? body.replyTo : studio.replyTo,
      supportEmail: body.supportEmail !== undefined ? body.supportEmail : studio.supportEmail,
      supportPhone: body.supportPhone !== undefined ? body.supportPhone : studio.supportPhone,
      logoContentType: logo?.contentType ?? null,
      logoBytes: logo?.bytes ?? null,
      passTypes: body.passTypes ?? [],
    };
  } else {
    const organizationId =
      body.organizationId ?? (organizationIds.length === 1 ? organizationIds[0] : undefined);
    if (!organizationId)
      throw new ApiError("validation_failed", {
        issues: [{ path: "organizationId", message: "organizationRequired" }],
      });
    if (!organizationIds.includes(organizationId)) throw new ApiError("not_found");
    values = {
      organizationId,
      name: body.name,
      primaryColor: body.primaryColor!,
      accentColor: body.accentColor!,
      senderName: body.senderName ?? null,
      replyTo: body.replyTo ?? null,
      supportEmail: body.supportEmail ?? null,
      supportPhone: body.supportPhone ?? null,
      passTypes: body.passTypes ?? [],
    };
  }
  return uniqueName(() =>
    db.transaction(async (tx) => {
      const [row] = await tx.insert(brandTemplates).values(values).returning();
      await recordBrandTemplateChange(tx, null, row!);
      return row!;
    }),
  );
}

export async function updateBrandTemplate(
  db: Db,
  template: TemplateRow,
  patch: UpdateBrandTemplateBody,
): Promise<TemplateRow> {
  const values = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<typeof brandTemplates.$inferInsert>;
  return uniqueName(() =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .update(brandTemplates)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(brandTemplates.id, template.id))
        .returning();
      await recordBrandTemplateChange(tx, template, row!);
      return row!;
    }),
  );
}

export async function deleteBrandTemplate(db: Db, template: TemplateRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(brandTemplates).where(eq(brandTemplates.id, template.id));
    await recordBrandTemplateChange(tx, template, null);
  });
}

/**
 * Copies the template's values onto studios of its own organization, in one transaction: all of
 * them or none. A studio of another organization (or none at all) is a 404 for the whole request.
 * The studios keep copies: a later template edit changes nothing there. A template without a logo
 * leaves each studio's logo as it is. Its pass types are added to each studio, and a studio's
 * pass type of the same name takes the template's rules, window and language (links already
 * issued keep the rules they copied); the studio's other pass types stay.
 */
export async function applyBrandTemplate(
  db: Db,
  template: TemplateRow,
  studioIds: string[],
): Promise<number> {
  const ids = [...new Set(studioIds)];
  const targets = await db
    .select({ id: studios.id })
    .from(studios)
    .where(and(inArray(studios.id, ids), eq(studios.organizationId, template.organizationId)));
  if (targets.length !== ids.length) throw new ApiError("not_found");
  const now = new Date();
  await db.transaction(async (tx) => {
    await recordBrandTemplateApplied(tx, template, ids);
    await tx
      .update(studios)
      .set({
        primaryColor: template.primaryColor,
        accentColor: template.accentColor,
        senderName: template.senderName,
        replyTo: template.replyTo,
        supportEmail: template.supportEmail,
        supportPhone: template.supportPhone,
        updatedAt: now,
      })
      .where(inArray(studios.id, ids));
    for (const passType of template.passTypes) {
      const values = {
        rules: passType.rules,
        windowMinutes: passType.windowMinutes,
        locale: passType.locale ?? null,
      };
      await tx
        .insert(passTypes)
        .values(ids.map((studioId) => ({ studioId, name: passType.name, ...values })))
        .onConflictDoUpdate({
          target: [passTypes.studioId, passTypes.name],
          set: { ...values, updatedAt: now },
        });
    }
    if (template.logoBytes && template.logoContentType) {
      for (const studioId of ids) {
        await tx
          .insert(studioLogos)
          .values({
            studioId,
            contentType: template.logoContentType,
            bytes: template.logoBytes,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: studioLogos.studioId,
            set: {
              contentType: template.logoContentType,
              bytes: template.logoBytes,
              updatedAt: now,
            },
          });
        await tx
          .update(studios)
          .set({ logoPath: logoPath(studioId, now) })
          .where(eq(studios.id, studioId));
      }
    }
  });
  return ids.length;
}
