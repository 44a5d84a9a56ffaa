import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { NextResponse } from "next/server";
import { readBodyBytes, withApi } from "@/lib/api/handler";
import { requireStudioRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { MAX_LOGO_BYTES, removeStudioLogo, saveStudioLogo } from "@/lib/studios/logo";

// PUT /api/studios/{studioId}/logo – upload the studio's logo: the image bytes as the body
// (PNG, JPEG or WebP, judged from the bytes; at most 512 KB; no SVG).
export const PUT = withApi<{ studioId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  const logoUrl = await saveStudioLogo(
    await getDb(),
    studio.id,
    await readBodyBytes(req, MAX_LOGO_BYTES),
  );
  return NextResponse.json({ logoUrl });
});

// DELETE /api/studios/{studioId}/logo – back to the studio's initial.
export const DELETE = withApi<{ studioId: string }>(async ({ req, params }) => {
  const { studio } = await requireStudioRole(req, params.studioId, STUDIO_MANAGERS);
  await removeStudioLogo(await getDb(), studio.id);
  return NextResponse.json({ logoUrl: null });
});
