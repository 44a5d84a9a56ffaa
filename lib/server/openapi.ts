import "server-only";
import type { ServiceContext } from "@/lib/api/handle";
import type { openApi } from "@/lib/contracts/docs";
import { openApiDocument } from "@/lib/contracts/openapi";
import { getConfig } from "@/lib/config";

let cached: { origin: string; doc: ReturnType<typeof openApiDocument> } | undefined;

/**
 * The document changes only with a deploy: built once per process. (Every /api answer is
 * no-store by the app-wide headers in next.config.ts; this one is cheap to send again.)
 */
export async function openApiService(_ctx: ServiceContext<typeof openApi>) {
  const origin = getConfig().appOrigin;
  if (cached?.origin !== origin) cached = { origin, doc: openApiDocument(origin) };
  return cached.doc;
}
