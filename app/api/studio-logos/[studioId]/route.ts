import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { loadStudioLogo } from "@/lib/studios/logo";
import { isUuid } from "@/lib/schemas/ids";

// GET /api/studio-logos/{studioId} – a studio's logo, public: guest pages and emails show it.
// Served with its sniffed type only.
export async function GET(
  _req: NextRequest,
  { params }: { params: Promise<{ studioId: string }> },
) {
  const { studioId } = await params;
  const logo = isUuid(studioId) ? await loadStudioLogo(await getDb(), studioId) : null;
  if (!logo) return new NextResponse(null, { status: 404 });
  return new NextResponse(new Uint8Array(logo.bytes), {
    // The API's CSP (default-src 'none') and no-store come from next.config.ts, as does the
    // cross-origin resource policy that lets webmail show the logo in an email.
    headers: { "Content-Type": logo.contentType },
  });
}
