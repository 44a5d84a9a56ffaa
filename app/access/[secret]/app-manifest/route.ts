import { NextResponse, type NextRequest } from "next/server";
import { findAccessForRequest } from "@/lib/access/deps";
import { homeScreenName, servesHomeScreen } from "@/lib/access/home-screen";
import { linkState } from "@/lib/links/state";
import { brandPalette } from "@/lib/brand/contrast";

// Per token, per request: never prerendered or cached.
export const dynamic = "force-dynamic";

// GET /access/<token>/app-manifest – lets temporary staff add their access page to the
// home screen in the studio's name and colours. It starts at, and is scoped to, their own link.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const access = await findAccessForRequest(secret);
  // Only a link that can still open doors is installable: an ended or cancelled one answers
  // like an unknown token, so its manifest tells nobody the studio's name.
  if (!access || !servesHomeScreen(linkState(access.link, new Date())))
    return new NextResponse(null, { status: 404 });
  const { studio, link } = access;
  const palette = brandPalette(studio.primaryColor, studio.accentColor);
  const start = `/access/${secret}`;
  return NextResponse.json(
    {
      name: studio.name,
      short_name: homeScreenName(studio.name),
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
