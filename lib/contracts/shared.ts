import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { STUDIO_MANAGERS, STUDIO_STAFF } from "@/lib/auth/permissions";

/** The one error envelope every endpoint answers a failure with (lib/api/handler.ts). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().meta({ description: "For people, in the caller's language." }),
      issues: z
        .array(
          z.object({
            path: z.string(),
            message: z.string(),
            code: z
              .string()
              .optional()
              .meta({ description: "Set for Latchkey's own rules (e.g. `untilBeforeFrom`)." }),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: "Error" });

export const isoInstant = z.iso.datetime({ offset: true });

export const studioParams = z.object({ studioId: z.string() });
export const linkParams = z.object({ studioId: z.string(), linkId: z.string() });

/** Staff of the studio, or the studio's API token (the Studio API's link routes). */
export const staffOrToken = { kind: "studio", roles: STUDIO_STAFF, apiTokens: true } as const;

/** Staff of the studio, session only (dashboard endpoints no API token may call). */
export const studioStaff = { kind: "studio", roles: STUDIO_STAFF } as const;
/** Owners and managers of the studio, session only. */
export const studioManagers = { kind: "studio", roles: STUDIO_MANAGERS } as const;

/** Every studio endpoint can answer these: who is calling, and the studio itself. */
export const STUDIO_ERRORS = ["unauthorized", "forbidden", "not_found", "rate_limited"] as const;
