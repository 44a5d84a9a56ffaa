import { withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { STUDIO_STAFF } from "@/lib/auth/permissions";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { findStudioLinkOrThrow } from "@/lib/links/find-studio-link";
import { linkQrSvg } from "@/lib/links/qr-code";

// GET /api/studios/{studioId}/links/{linkId}/qr – the link's URL as an SVG QR code, drawn here
// (no outside service ever sees the token). Only for staff who may already copy the URL.
export const GET = withApi<{ studioId: string; linkId: string }>(async ({ req, params }) => {
  const actor = await requireStudioRole(req, params.studioId, STUDIO_STAFF);
  const link = await findStudioLinkOrThrow(await getDb(), actor.studio.id, params.linkId);
  const config = getConfig();
  return new Response(await linkQrSvg(link, config), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
});
