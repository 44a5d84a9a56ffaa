import { handle } from "@/lib/api/handle";
import { revokeApiTokenService } from "@/lib/api-tokens/endpoints";
import { revokeApiToken } from "@/lib/contracts/api-tokens";

export const DELETE = handle(revokeApiToken, revokeApiTokenService);
