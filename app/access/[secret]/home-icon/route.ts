import { NextResponse, type NextRequest } from "next/server";
import { findAccessForRequest } from "@/lib/access/deps";
import { servesHomeScreen } from "@/lib/access/home-screen";
import { linkState } from "@/lib/links/state";
import { brandPalette } from "@/lib/brand/contrast";

// Per token, per request: never prerendered or cached.
export const dynamic = "force-dynamic";

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

// GET /access/<token>/home-icon – the home-screen icon: the studio's initial on its colour.
export async function GET(_req: NextRequest, { params }: { params: Promise<{ secret: string }> }) {
  const access = await findAccessForRequest((await params).secret);
  // Only a link that can still open doors is installable: an ended or cancelled one answers
  // like an unknown token, so its manifest tells nobody the studio's name.
  if (!access || !servesHomeScreen(linkState(access.link, new Date())))
    return new NextResponse(null, { status: 404 });
  const palette = brandPalette(access.studio.primaryColor, access.studio.accentColor);
  const initial = (access.studio.name.trim().charAt(0).toUpperCase() || "L").replace(
    /[&<>"']/g,
    (c) => XML_ESCAPES[c] ?? c,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="${palette.primary}"/><text x="256" y="340" font-family="system-ui,sans-serif" font-size="280" font-weight="700" text-anchor="middle" fill="${palette.onPrimary}">${initial}</text></svg>`;
  return new NextResponse(svg, {
    headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store" },
  });
}
