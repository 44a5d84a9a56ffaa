import { redirect } from "next/navigation";
import { requireStudioPage } from "@/lib/auth/session";

type Props = { params: Promise<{ studioId: string }> };

// /dashboard/studios/{id} – until the studio's "Today" page lands here, its links are its home.
// Another tenant's studio is a 404 before anything is redirected.
export default async function StudioPage({ params }: Props) {
  const { studio } = await requireStudioPage((await params).studioId);
  redirect(`/dashboard/studios/${studio.id}/links`);
}
