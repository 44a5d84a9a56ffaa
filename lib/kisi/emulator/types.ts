import type { EmulatorState, LockRecord } from "./state";

/** The auth schemes Kisi puts in `Authorization: <SCHEME> <credential>`. */
export type AuthScheme = "KISI-LOGIN" | "KISI-GROUP-LINK" | "KISI-ACCESS-KEY" | "Bearer";

export interface RecordedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lowercased names, full values (this is Kisi's side, so credentials are included). */
  headers: Record<string, string>;
  authScheme: AuthScheme | null;
  credential: string | null;
  /** Parsed JSON, the raw string if it was not JSON, or null when there was no body. */
  body: unknown;
  /** What was answered; 0 while in flight or when the connection was dropped. */
  status: number;
}

export type FaultAction =
  | { kind: "latency"; ms: number }
  /**
   * `afterCommit`: handle the request fully first (the link is created, the door unlocked), then
   * answer this instead — a gateway's 5xx, or a garbled 200, in front of a change Kisi made.
   */
  | {
      kind: "status";
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      afterCommit?: boolean;
    }
  | { kind: "rate_limit"; retryAfter?: number | null }
  | { kind: "drop" }
  | { kind: "drop_after_commit" }
  | { kind: "malformed"; body?: string; contentType?: string; afterCommit?: boolean }
  | { kind: "redirect"; location: string; status?: number };

export interface FaultRule {
  id?: string;
  /** Case-insensitive; any method when omitted. */
  method?: string;
  /** Exact path, `:param` segments, or a prefix ending in `*`; any path when omitted. */
  path?: string;
  /** How many more requests the rule applies to; unlimited when omitted. */
  times?: number;
  action: FaultAction;
}

/** One answer Kisi gives for an unusable link secret; its real values are undocumented. */
export interface LinkErrorSpec {
  status: number;
  code: string;
  error: string;
}

export interface LinkErrors {
  /** Unknown or deleted secret. */
  unknown: LinkErrorSpec;
  notYetValid: LinkErrorSpec;
  expired: LinkErrorSpec;
  disabled: LinkErrorSpec;
}

/**
 * `requested`: `<offset>-<offset+limit-1>/<total>` as Kisi's spec describes it (15 items,
 * offset 10, limit 10 → `10-19/15`). `returned`: the end is the last item actually returned
 * (`10-14/15`); pages past the end still use the requested form because there is no last item.
 */
export type CollectionRangeStyle = "requested" | "returned";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: "demo" | "empty";
  rateLimitPerSecond?: number;
  retryAfterOn429?: number | null;
  groupLinkBudget?: "creator" | "link";
  linkErrors?: Partial<LinkErrors>;
  collectionRange?: CollectionRangeStyle;
  /** Load state from this JSON file at start and save it after every successful write. */
  stateFile?: string;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: "demo" | "empty";
  rateLimitPerSecond: number;
  retryAfterOn429: number | null;
  groupLinkBudget: "creator" | "link";
  linkErrors: LinkErrors;
  collectionRange: CollectionRangeStyle;
}

export interface FaultControls {
  add(rule: FaultRule): string;
  clear(): void;
  list(): FaultRule[];
}

export interface LockPatch {
  online?: boolean | null;
  locked_down?: boolean;
}

export interface KisiEmulator {
  url: string;
  port: number;
  requests: RecordedRequest[];
  faults: FaultControls;
  state: EmulatorState;
  setLock(id: number, patch: LockPatch): LockRecord;
  setClockOffset(ms: number): void;
  /** The emulator's notion of "now" (real time plus the clock offset). */
  now(): Date;
  reset(): void;
  close(): Promise<void>;
}
