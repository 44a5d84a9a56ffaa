import { handle } from "@/lib/api/handle";
import { createApiTokenService, listApiTokensService } from "@/lib/api-tokens/endpoints";
import { createApiToken, listApiTokens } from "@/lib/contracts/api-tokens";

export const GET = handle(listApiTokens, listApiTokensService);
export const POST = handle(createApiToken, createApiTokenService);
