import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { parseJsonBody, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { emailPreviewBodySchema } from "@/lib/schemas/studio-settings";
import { renderEmailPreview } from "@/lib/studios/email-preview";

// POST /api/studios/{studioId}/email-preview – the guest email in the DRAFT branding of the
// body, for a sample guest. Nothing is saved; the button leads nowhere.
export const POST = withApi<{ studioId: string }>(async ({ req, params, locale }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const draft = await parseJsonBody(req, emailPreviewBodySchema, locale);
  const preview = await renderEmailPreview(studio, draft, getConfig().appOrigin);
  return NextResponse.json(preview, { headers: { "Cache-Control": "no-store" } });
});
