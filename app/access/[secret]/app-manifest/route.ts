import { NextResponse, type NextRequest } from "next/server";
import { findAccessForRequest } from "@/lib/access/deps";
import { brandPalette } from "@/lib/studios/contrast";

// Per token, per request: never prerendered or cached.
export const dynamic = "force-dynamic";

// GET /access/<token>/app-manifest – lets temporary staff add their access page to the
// home screen in the studio's name and colours. It starts at, and is scoped to, their own link.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const access = await findAccessForRequest(secret);
  if (!access) return new NextResponse(null, { status: 404 });
  const { studio, link } = access;
  const palette = brandPalette(studio.primaryColor, studio.accentColor);
  const start = `/access/${secret}`;
  return NextResponse.json(
    {
      name: studio.name,
      short_name: studio.name.slice(0, 12),
      lang: link.locale,
      start_url: start,
      scope: start,
      display: "standalone",
      background_color: "#ffffff",
      theme_color: palette.primary,
      icons: [{ src: `${start}/home-icon`, sizes: "any", type: "image/svg+xml", purpose: "any" }],
    },
    { headers: { "Content-Type": "application/manifest+json", "Cache-Control": "no-store" } },
  );
}
