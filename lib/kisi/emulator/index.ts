export { startKisiEmulator } from "./server";
export { DEMO_SEED, OTHER_ORG_SEED, createDemoSeed, createEmptySeed } from "./seed";
export { DEFAULT_LINK_ERRORS, KISI_ERRORS } from "./errors";
export type {
  AuthScheme,
  CollectionRangeStyle,
  EmulatorOptions,
  FaultAction,
  FaultRule,
  KisiEmulator,
  LinkErrorSpec,
  LinkErrors,
  LockPatch,
  RecordedRequest,
} from "./types";
export type {
  EmulatorState,
  GroupLinkRecord,
  LockRecord,
  SentEmail,
  SentText,
  UnlockEvent,
} from "./state";
