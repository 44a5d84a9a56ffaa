import { z } from "zod";
import { STUDIO_MANAGERS } from "@/lib/auth/permissions";
import { singleLineText } from "@/lib/schemas/text";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, studioParams } from "./shared";

/**
 * Token management is session-only (a studio caller without `apiTokens`): a token can never mint
 * or revoke tokens.
 */
const managers = { kind: "studio", roles: STUDIO_MANAGERS } as const;

export const createApiTokenBodySchema = z.strictObject({
  name: singleLineText({ min: 1, max: 80 }),
});

const apiTokenSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: "The token's first characters, to recognise it." }),
    createdAt: isoInstant,
    createdBy: z.string().nullable(),
    lastUsedAt: isoInstant.nullable(),
    revokedAt: isoInstant.nullable(),
    status: z.enum(["active", "revoked"]),
    creatorRemoved: z.boolean().meta({
      description: "Whoever created it no longer works at the studio: revoke or replace it.",
    }),
  })
  .meta({ id: "ApiToken" });

export const listApiTokens = defineContract({
  id: "apiTokens.list",
  method: "GET",
  path: "/api/studios/{studioId}/api-tokens",
  summary: "The studio's API tokens (never the tokens themselves)",
  caller: managers,
  params: studioParams,
  success: { status: 200, schema: z.object({ items: z.array(apiTokenSummary) }) },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const createApiToken = defineContract({
  id: "apiTokens.create",
  method: "POST",
  path: "/api/studios/{studioId}/api-tokens",
  summary: "A new API token, in clear in this answer only",
  caller: managers,
  params: studioParams,
  body: createApiTokenBodySchema,
  success: { status: 201, schema: apiTokenSummary.extend({ token: z.string() }) },
  errors: [...STUDIO_ERRORS, "validation_failed"],
  internal: true,
});

export const revokeApiToken = defineContract({
  id: "apiTokens.revoke",
  method: "DELETE",
  path: "/api/studios/{studioId}/api-tokens/{tokenId}",
  summary: "Revoke a token: the next call with it is a 401",
  caller: managers,
  params: z.object({ studioId: z.string(), tokenId: z.string() }),
  success: { status: 200, schema: apiTokenSummary },
  errors: STUDIO_ERRORS,
  internal: true,
});
