import { handle } from "@/lib/api/handle";
import { openApi } from "@/lib/contracts/docs";
import { openApiService } from "@/lib/server/openapi";

export const GET = handle(openApi, openApiService);
