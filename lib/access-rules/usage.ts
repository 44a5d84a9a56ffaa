import { effectiveUntil, visitsLeft } from "./evaluate";
import type { LinkRules } from "./schema";

/** What staff see of a link's rules and their use (the links list and the link page). */
export type RuleUsageRow = {
  rules: LinkRules | null;
  passTypeId: string | null;
  validFrom: Date;
  validUntil: Date;
  visitsUsed: number;
  visitStartedAt: Date | null;
  firstUsedAt: Date | null;
};

export function ruleUsage(link: RuleUsageRow) {
  const rules = link.rules ?? null;
  return {
    rules,
    passTypeId: link.passTypeId,
    visitsUsed: link.visitsUsed,
    visitsLeft: visitsLeft(rules, link),
    firstUsedAt: link.firstUsedAt?.toISOString() ?? null,
    // The end that applies: the window, or sooner once a first-use validity started running.
    effectiveUntil: effectiveUntil(rules, link).toISOString(),
  };
}
