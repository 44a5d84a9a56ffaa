import { z } from "zod";
import { linkRulesSchema, passTypeInputSchema, studioHoursSchema } from "@/lib/access-rules/schema";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, staffOrToken, studioManagers, studioParams } from "./shared";

/** A link's rules and their use, in the links list and on the link page (lib/access-rules/usage.ts). */
export const ruleUsageSchema = z
  .object({
    rules: linkRulesSchema.nullable(),
    passTypeId: z.uuid().nullable(),
    visitsUsed: z.number().int(),
    visitsLeft: z.number().int().nullable().meta({ description: "Null: no visit limit." }),
    firstUsedAt: isoInstant.nullable(),
    effectiveUntil: isoInstant.meta({
      description:
        "When the link stops opening: its window, or sooner once a first-use validity runs.",
    }),
  })
  .meta({ id: "LinkRuleUsage" });

/**
 * Access rules Kisi links do not have (issue #13): a studio's opening hours and visit length,
 * and its pass types. One schema (lib/access-rules/schema.ts) for the API, CSV and forms.
 */
const studioRules = z
  .object({
    timeZone: z.string(),
    openingHours: studioHoursSchema.nullable(),
    visitMinutes: z.number().int().nullable(),
    effectiveVisitMinutes: z.number().int(),
  })
  .meta({ id: "StudioAccessRules" });

const passType = z
  .object({
    id: z.uuid(),
    name: z.string(),
    rules: linkRulesSchema,
    windowMinutes: z.number().int(),
    locale: z.string().nullable(),
  })
  .meta({ id: "PassType" });

export const getStudioRules = defineContract({
  id: "rules.get",
  method: "GET",
  path: "/api/studios/{studioId}/rules",
  summary: "The studio's opening hours, closures and visit length",
  caller: staffOrToken,
  params: studioParams,
  success: { status: 200, schema: studioRules },
  errors: [...STUDIO_ERRORS],
});

export const updateStudioRules = defineContract({
  id: "rules.update",
  method: "PUT",
  path: "/api/studios/{studioId}/rules",
  summary: "Set the studio's opening hours, closures and visit length",
  description:
    "`openingHours: null` means always open (the default). Ranges are wall-clock `HH:mm` in " +
    "the studio's time zone; `nextDay: true` marks a range that ends after midnight. An " +
    "exception's `ranges` replace that date's weekly hours; none means closed.",
  caller: studioManagers,
  params: studioParams,
  body: z.strictObject({
    openingHours: studioHoursSchema.nullable().optional(),
    visitMinutes: z.number().int().min(1).max(1440).nullable().optional(),
  }),
  success: { status: 200, schema: studioRules },
  errors: [...STUDIO_ERRORS, "validation_failed", "invalid_request"],
});

export const listPassTypes = defineContract({
  id: "passTypes.list",
  method: "GET",
  path: "/api/studios/{studioId}/pass-types",
  summary: "The studio's pass types (presets of rules, window and language)",
  caller: staffOrToken,
  params: studioParams,
  success: { status: 200, schema: z.object({ passTypes: z.array(passType) }) },
  errors: [...STUDIO_ERRORS],
});

export const createPassType = defineContract({
  id: "passTypes.create",
  method: "POST",
  path: "/api/studios/{studioId}/pass-types",
  summary: "Add a pass type",
  caller: studioManagers,
  params: studioParams,
  body: passTypeInputSchema,
  success: { status: 201, schema: passType },
  errors: [...STUDIO_ERRORS, "validation_failed", "invalid_request", "conflict"],
});

export const updatePassType = defineContract({
  id: "passTypes.update",
  method: "PATCH",
  path: "/api/studios/{studioId}/pass-types/{passTypeId}",
  summary: "Change a pass type (links issued with it keep their rules)",
  description:
    "The whole pass type, as for creating one. A link keeps its own copy of the rules it was " +
    "issued with: a change applies to links issued from now on, never to those already out.",
  caller: studioManagers,
  params: z.object({ studioId: z.string(), passTypeId: z.string() }),
  body: passTypeInputSchema,
  success: { status: 200, schema: passType },
  errors: [...STUDIO_ERRORS, "validation_failed", "invalid_request", "conflict"],
});

export const deletePassType = defineContract({
  id: "passTypes.delete",
  method: "DELETE",
  path: "/api/studios/{studioId}/pass-types/{passTypeId}",
  summary: "Remove a pass type (links issued with it keep their rules)",
  caller: studioManagers,
  params: z.object({ studioId: z.string(), passTypeId: z.string() }),
  success: { status: 204 },
  errors: [...STUDIO_ERRORS],
});
