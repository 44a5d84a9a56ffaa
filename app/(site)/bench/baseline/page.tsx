import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * /bench/baseline – the framework's floor for `npm run bench`: a dynamic page (it reads the
 * request headers) in the same build and proxy as the access page, under the site's root layout
 * (the same document, fonts and styles as the access page's root, components/layout/), doing
 * nothing else. It exists only when LATCHKEY_BENCH=1 in demo mode; everywhere else it is a 404.
 */
export default async function BenchBaselinePage() {
  if (!getConfig().benchPages) notFound();
  // Reading the request makes the page dynamic, like the access page: rendered per request.
  const nonce = (await headers()).get("x-nonce");
  // No words to translate: a timestamp proves the page was rendered for this request.
  return (
    <main data-nonce-seen={nonce ? "yes" : "no"}>
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
