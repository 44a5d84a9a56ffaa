import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { FaultAction, FaultControls, FaultRule } from "./types";

const faultActionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("latency"), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({
    kind: z.literal("status"),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    afterCommit: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("rate_limit"),
    retryAfter: z.number().int().min(0).nullable().optional(),
  }),
  z.strictObject({ kind: z.literal("drop") }),
  z.strictObject({ kind: z.literal("drop_after_commit") }),
  z.strictObject({
    kind: z.literal("malformed"),
    body: z.string().optional(),
    contentType: z.string().min(1).optional(),
    afterCommit: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("redirect"),
    location: z.string().min(1),
    status: z.number().int().min(300).max(399).optional(),
  }),
]);

/** Validates rules from tests and from the control API alike, so typos fail loudly. */
export const faultRuleSchema = z.strictObject({
  id: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  path: z.string().startsWith("/").optional(),
  times: z.number().int().min(1).optional(),
  action: faultActionSchema,
});

interface StoredRule {
  id: string;
  method?: string;
  path?: string;
  remaining: number | null;
  action: FaultAction;
}

/** `/locks/:id/unlock` matches `/locks/5001/unlock`; `/locks*` matches every path starting so. */
export function matchPath(pattern: string, path: string): boolean {
  if (pattern.endsWith("*")) return path.startsWith(pattern.slice(0, -1));
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return false;
  return want.every((segment, i) => {
    const actual = got[i] ?? "";
    return segment.startsWith(":") ? actual.length > 0 : segment === actual;
  });
}

/** Fault rules in insertion order; the first matching rule with `times` left applies. */
export class FaultRegistry implements FaultControls {
  private rules: StoredRule[] = [];

  add(input: FaultRule): string {
    const rule: FaultRule = faultRuleSchema.parse(input);
    const id = rule.id ?? randomUUID();
    this.rules = this.rules.filter((existing) => existing.id !== id);
    this.rules.push({
      id,
      method: rule.method,
      path: rule.path,
      remaining: rule.times ?? null,
      action: structuredClone(rule.action),
    });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  /** Current rules; `times` shows what is left (absent = unlimited). */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({
      id: rule.id,
      ...(rule.method !== undefined ? { method: rule.method } : {}),
      ...(rule.path !== undefined ? { path: rule.path } : {}),
      ...(rule.remaining !== null ? { times: rule.remaining } : {}),
      action: structuredClone(rule.action),
    }));
  }

  /** Finds the rule for this request and spends one of its `times`. */
  take(method: string, path: string): FaultAction | null {
    const rule = this.rules.find(
      (candidate) =>
        (candidate.remaining === null || candidate.remaining > 0) &&
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        (candidate.path === undefined || matchPath(candidate.path, path)),
    );
    if (!rule) return null;
    if (rule.remaining !== null) rule.remaining -= 1;
    return rule.action;
  }
}
