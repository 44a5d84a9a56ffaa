import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { principalRef, requireStudioRoleOrApiToken } from "@/lib/auth/guards";
import { ApiError } from "@/lib/api/errors";
import { parseJsonBody, withApi, zodLocaleError } from "@/lib/api/handler";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isLocale } from "@/lib/i18n/locales";
import { getKisiClient } from "@/lib/kisi";
import { issueLink } from "@/lib/links/issue-link";
import { linkState } from "@/lib/links/state";
import { listLinks } from "@/lib/links/list-links";
import {
  createLinkBodySchema,
  idempotencyKeySchema,
  listLinksQuerySchema,
} from "@/lib/schemas/links";

// POST /api/studios/{studioId}/links – issue an access link (Kisi link without email, our own
// email through the outbox). An Idempotency-Key makes retries and double submits safe.
export const POST = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
  const body = await parseJsonBody(req, createLinkBodySchema, locale);
  const rawKey = req.headers.get("idempotency-key");
  const idempotencyKey =
    rawKey === null
      ? undefined
      : idempotencyKeySchema.parse(rawKey, { error: zodLocaleError(locale) });
  const config = getConfig();
  const { link, url, replayed } = await issueLink(
    {
      db: await getDb(),
      kisi: getKisiClient(),
      keyring: config.encryption,
      appOrigin: config.appOrigin,
    },
    {
      studioId: actor.studio.id,
      guestName: body.name,
      guestEmail: body.email ?? null,
      locale:
        body.locale ?? (isLocale(actor.studio.defaultLocale) ? actor.studio.defaultLocale : locale),
      validFrom: body.validFrom,
      validUntil: body.validUntil,
      sendEmail: body.sendEmail ?? Boolean(body.email),
      idempotencyKey,
      createdBy: principalRef(actor),
    },
  );
  const state = linkState(link, new Date());
  if (state === "unavailable") throw new ApiError("kisi_unavailable");
  return NextResponse.json(
    {
      id: link.id,
      url,
      state,
      validFrom: link.validFrom.toISOString(),
      validUntil: link.validUntil.toISOString(),
      email: { status: body.email && (body.sendEmail ?? true) ? "queued" : "not_requested" },
    },
    { status: replayed ? 200 : 201 },
  );
});

// GET /api/studios/{studioId}/links?state=&q=&page=&pageSize= – the studio's links, newest first,
// with email status and last unlock.
export const GET = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const actor = await requireStudioRoleOrApiToken(req, params.studioId, STUDIO_STAFF);
  const query = listLinksQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams), {
    error: zodLocaleError(locale),
  });
  return NextResponse.json(
    await listLinks(await getDb(), actor.studio.id, query, { keyring: getConfig().encryption }),
  );
});
