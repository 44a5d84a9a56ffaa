import * as access from "./access";
import * as accessRules from "./access-rules";
import * as apiTokens from "./api-tokens";
import * as audit from "./audit";
import * as brandTemplates from "./brand-templates";
import * as dashboard from "./dashboard";
import type { ContractSpec } from "./define";
import * as docs from "./docs";
import * as health from "./health";
import * as links from "./links";
import * as organizations from "./organizations";
import * as outbox from "./outbox";
import * as studios from "./studios";
import * as team from "./team";
import * as bulk from "./bulk";
import * as exportsArea from "./exports";
import * as metrics from "./metrics";
import * as webhooks from "./webhooks";

/**
 * Every endpoint declared by a contract. Read by the OpenAPI document, the route inventory test
 * and the conformance test; route files import their own contract directly.
 */
export const CONTRACTS: readonly ContractSpec[] = [
  health,
  docs,
  access,
  accessRules,
  links,
  apiTokens,
  audit,
  outbox,
  studios,
  brandTemplates,
  organizations,
  team,
  bulk,
  exportsArea,
  metrics,
  webhooks,
  dashboard,
].flatMap((area) =>
  Object.values(area).filter(
    (value): value is ContractSpec =>
      typeof value === "object" && value !== null && "method" in value && "path" in value,
  ),
);
