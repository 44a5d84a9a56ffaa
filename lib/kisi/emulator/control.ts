import { z } from "zod";
import type { FaultRegistry } from "./faults";
import { faultRuleSchema } from "./faults";
import type { Reply } from "./respond";
import type { EmulatorState, LockRecord } from "./state";
import type { LockPatch, RecordedRequest } from "./types";
import { parsePathId } from "./values";

/**
 * `/__emulator/*`: lets tests in another process (Playwright, the demo) drive the emulator.
 * Never recorded, never rate-limited, never subject to faults.
 */
export const CONTROL_PREFIX = "/__emulator";

export interface ControlDeps {
  requests: RecordedRequest[];
  faults: FaultRegistry;
  state: EmulatorState;
  setLock(id: number, patch: LockPatch): LockRecord;
  setClockOffset(ms: number): void;
  clockOffset(): number;
  now(): Date;
  reset(): void;
}

const lockPatchSchema = z.strictObject({
  online: z.boolean().nullable().optional(),
  locked_down: z.boolean().optional(),
});

const clockSchema = z.strictObject({ offsetMs: z.number().int() });

const OK: Reply = { status: 200, body: { ok: true } };

function fail(status: number, error: string, issues?: unknown): Reply {
  return { status, body: issues === undefined ? { error } : { error, issues } };
}

function parseJson(rawBody: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: rawBody.trim() === "" ? {} : (JSON.parse(rawBody) as unknown) };
  } catch {
    return { ok: false };
  }
}

function validate<T>(schema: z.ZodType<T>, rawBody: string): { value: T } | { reply: Reply } {
  const json = parseJson(rawBody);
  if (!json.ok) return { reply: fail(400, "Body is not valid JSON.") };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { reply: fail(400, "Invalid body.", parsed.error.issues) };
  return { value: parsed.data };
}

export function handleControl(
  deps: ControlDeps,
  method: string,
  path: string,
  rawBody: string,
): Reply {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  const lockMatch = /^PATCH \/locks\/([^/]+)$/.exec(route);
  if (lockMatch) {
    const id = parsePathId(lockMatch[1]);
    const input = validate(lockPatchSchema, rawBody);
    if ("reply" in input) return input.reply;
    if (!deps.state.locks.some((lock) => lock.id === id) || id === undefined) {
      return fail(404, `No lock ${lockMatch[1]}.`);
    }
    return { status: 200, body: deps.setLock(id, input.value) };
  }
  switch (route) {
    case "GET /requests":
      return { status: 200, body: deps.requests };
    case "DELETE /requests":
      deps.requests.splice(0, deps.requests.length);
      return OK;
    case "GET /faults":
      return { status: 200, body: deps.faults.list() };
    case "POST /faults": {
      const input = validate(faultRuleSchema, rawBody);
      if ("reply" in input) return input.reply;
      return { status: 200, body: { id: deps.faults.add(input.value) } };
    }
    case "DELETE /faults":
      deps.faults.clear();
      return OK;
    case "POST /reset":
      deps.reset();
      return OK;
    case "GET /clock":
      return { status: 200, body: { offsetMs: deps.clockOffset(), now: deps.now().toISOString() } };
    case "POST /clock": {
      const input = validate(clockSchema, rawBody);
      if ("reply" in input) return input.reply;
      deps.setClockOffset(input.value.offsetMs);
      return { status: 200, body: { offsetMs: input.value.offsetMs } };
    }
    case "GET /state":
      return {
        status: 200,
        body: {
          groupLinks: deps.state.groupLinks,
          unlocks: deps.state.unlocks,
          sentEmails: deps.state.sentEmails,
          sentTexts: deps.state.sentTexts,
        },
      };
    default:
      return fail(404, `Unknown control endpoint: ${route}`);
  }
}
