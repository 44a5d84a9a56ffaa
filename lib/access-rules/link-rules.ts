import type { LinkWithStudio } from "@/lib/links/find-by-token";
import type { EffectiveRules, RuleLinkState } from "./evaluate";

/** The rules and use of a link as its row and its studio's row hold them (pure). */
export type AccessRow = Pick<LinkWithStudio, "link" | "studio">;

export function effectiveRulesOf(access: AccessRow): EffectiveRules {
  return {
    studioHours: access.studio.openingHours ?? null,
    link: access.link.rules ?? null,
    visitMinutes: access.studio.visitMinutes ?? access.studio.classMinutes,
  };
}

export function ruleStateOf(link: AccessRow["link"]): RuleLinkState {
  return {
    validFrom: link.validFrom,
    validUntil: link.validUntil,
    visitsUsed: link.visitsUsed,
    visitStartedAt: link.visitStartedAt,
    firstUsedAt: link.firstUsedAt,
  };
}
