import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ServiceContext } from "@/lib/api/handle";
import { ownedOrganizations } from "@/lib/auth/owned-organizations";
import { canChangeKisiConnection } from "@/lib/auth/permissions";
import { getConfig } from "@/lib/config";
import type {
  connectKisiKey,
  createStudio,
  emailPreview,
  getStudio,
  listDoors,
  listKisiGroups,
  removeLogo,
  setDoor,
  studioLogo,
  updateStudio,
  uploadLogo,
} from "@/lib/contracts/studios";
import { isUuid } from "@/lib/schemas/ids";
import { setDoorOverride, studioDoors } from "./doors";
import { renderEmailPreview } from "./email-preview";
import { loadStudioLogo, removeStudioLogo, saveStudioLogo } from "./logo";
import {
  connectKisiKey as connectKey,
  createStudio as create,
  kisiGroupsOf,
  studioSettingsView,
  updateStudio as update,
} from "./settings";

/** Settings, branding with its contrast, geofence; the Kisi key only as its last four. */
export async function getStudioService(ctx: ServiceContext<typeof getStudio>) {
  const { db } = await ctx.deps();
  return studioSettingsView(db, ctx.caller.studio);
}

/** Change settings; the Kisi group, which decides the doors guests get, owners only. */
export async function updateStudioService(ctx: ServiceContext<typeof updateStudio>) {
  const { caller, body } = ctx;
  if (body.kisiGroupId !== undefined && !canChangeKisiConnection(caller.role))
    throw new ApiError("forbidden");
  const deps = await ctx.deps();
  return studioSettingsView(deps.db, await update(deps, caller.studio, body));
}

/**
 * An owner adds a studio to their organization: the one they own, or the `organizationId` they
 * name when they own several (another one is a 404).
 */
export async function createStudioService(ctx: ServiceContext<typeof createStudio>) {
  const { body } = ctx;
  const { db } = await ctx.deps();
  const owned = (await ownedOrganizations(db, ctx.caller.userId)).map((o) => o.id);
  if (owned.length === 0) throw new ApiError("forbidden");
  const organizationId = body.organizationId ?? (owned.length === 1 ? owned[0] : undefined);
  if (!organizationId)
    throw new ApiError("validation_failed", {
      issues: [{ path: "organizationId", message: "organizationRequired" }],
    });
  if (!owned.includes(organizationId)) throw new ApiError("not_found");
  const studio = await create(db, organizationId, {
    name: body.name,
    timeZone: body.timeZone,
    defaultLocale: body.defaultLocale,
  });
  return studioSettingsView(db, studio);
}

/** Connect or replace the Kisi key: Kisi verifies it first; only its last four come back. */
export async function connectKisiKeyService(ctx: ServiceContext<typeof connectKisiKey>) {
  const { apiKey } = ctx.body;
  const groups = await connectKey(await ctx.deps(), ctx.caller.studio, apiKey);
  return { keyLast4: apiKey.slice(-4), groups };
}

/** The Kisi groups the studio's key sees. */
export async function listKisiGroupsService(ctx: ServiceContext<typeof listKisiGroups>) {
  return { groups: await kisiGroupsOf(await ctx.deps(), ctx.caller.studio) };
}

/** The doors of the studio's group, with overrides, display names and shared-door warnings. */
export async function listDoorsService(ctx: ServiceContext<typeof listDoors>) {
  return studioDoors(
    await ctx.deps(),
    ctx.caller.studio,
    getConfig().unlockQueue.sharedOpenSeconds,
  );
}

/** One door's override and display names. */
export async function setDoorService(ctx: ServiceContext<typeof setDoor>) {
  const saved = await setDoorOverride(await ctx.deps(), ctx.caller.studio, ctx.body);
  return { lockId: ctx.body.lockId, ...saved };
}

/** The logo upload: the bytes are judged by themselves (PNG, JPEG or WebP; no SVG). */
export async function uploadLogoService(ctx: ServiceContext<typeof uploadLogo>) {
  const { db } = await ctx.deps();
  return { logoUrl: await saveStudioLogo(db, ctx.caller.studio.id, ctx.bytes) };
}

/** Back to the studio's initial. */
export async function removeLogoService(ctx: ServiceContext<typeof removeLogo>) {
  const { db } = await ctx.deps();
  await removeStudioLogo(db, ctx.caller.studio.id);
  return { logoUrl: null };
}

/** The guest email in the draft branding; nothing is saved. */
export async function emailPreviewService(ctx: ServiceContext<typeof emailPreview>) {
  const { appOrigin } = await ctx.deps();
  return renderEmailPreview(ctx.caller.studio, ctx.body, appOrigin);
}

/**
 * A studio's logo, public (guest pages and emails show it), served with its sniffed type only.
 * A miss is a bare 404: an <img> has no use for the JSON envelope. The API's CSP, no-store and
 * the cross-origin resource policy that lets webmail show it come from next.config.ts.
 */
export async function studioLogoService(ctx: ServiceContext<typeof studioLogo>) {
  const { studioId } = ctx.params;
  const logo = isUuid(studioId) ? await loadStudioLogo((await ctx.deps()).db, studioId) : null;
  if (!logo) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: { "Content-Type": logo.contentType },
  });
}
