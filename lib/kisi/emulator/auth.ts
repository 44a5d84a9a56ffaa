import { KISI_ERRORS, kisiError, KisiHttpError } from "./errors";
import type { EmulatorState, GroupLinkRecord, GroupRecord, UserRecord } from "./state";
import type { AuthScheme, LinkErrors } from "./types";

export interface ParsedAuth {
  scheme: AuthScheme | null;
  credential: string | null;
}

export type AuthKind = "login" | "group_link";

export type Principal =
  | { kind: "login"; user: UserRecord; organizationId: number }
  | {
      kind: "group_link";
      link: GroupLinkRecord;
      group: GroupRecord;
      creator: UserRecord | undefined;
      organizationId: number;
    };

const SCHEMES: Record<string, AuthScheme> = {
  "KISI-LOGIN": "KISI-LOGIN",
  "KISI-GROUP-LINK": "KISI-GROUP-LINK",
  "KISI-ACCESS-KEY": "KISI-ACCESS-KEY",
  BEARER: "Bearer",
};

export function parseAuthorization(header: string | undefined): ParsedAuth {
  const match = /^(\S+)\s+(\S.*)$/.exec(header?.trim() ?? "");
  const scheme = match?.[1] ? SCHEMES[match[1].toUpperCase()] : undefined;
  if (!match || !scheme) return { scheme: null, credential: null };
  return { scheme, credential: match[2]?.trim() ?? null };
}

export function findUserByApiKey(state: EmulatorState, key: string): UserRecord | undefined {
  const apiKey = state.apiKeys.find((candidate) => candidate.key === key);
  return apiKey ? state.users.find((user) => user.id === apiKey.userId) : undefined;
}

/** Deleted links are invisible here: their secret must stop working at once. */
export function findLiveLinkBySecret(
  state: EmulatorState,
  secret: string,
): GroupLinkRecord | undefined {
  return state.groupLinks.find((link) => link.secret === secret && link.deletedAt === null);
}

/**
 * Whose 5 req/s budget a request spends. Kisi counts per user (all logins of one user share it)
 * and unauthenticated calls per IP; for link calls it is unknown, hence `groupLinkBudget`.
 */
export function budgetKey(
  state: EmulatorState,
  auth: ParsedAuth,
  groupLinkBudget: "creator" | "link",
  remoteAddress: string,
): string {
  if (auth.credential !== null && auth.scheme === "KISI-LOGIN") {
    const user = findUserByApiKey(state, auth.credential);
    if (user) return `user:${user.id}`;
  }
  if (auth.credential !== null && auth.scheme === "KISI-GROUP-LINK") {
    const link = findLiveLinkBySecret(state, auth.credential);
    if (link) return groupLinkBudget === "link" ? `link:${link.id}` : `user:${link.created_by_id}`;
  }
  return `ip:${remoteAddress}`;
}

function linkError(spec: LinkErrors[keyof LinkErrors]): KisiHttpError {
  return new KisiHttpError(spec.status, { code: spec.code, error: spec.error });
}

function authenticateLink(
  state: EmulatorState,
  secret: string,
  now: Date,
  linkErrors: LinkErrors,
): Principal {
  const link = findLiveLinkBySecret(state, secret);
  const group = link && state.groups.find((candidate) => candidate.id === link.group_id);
  if (!link || !group) throw linkError(linkErrors.unknown);
  if (!link.link_enabled) throw linkError(linkErrors.disabled);
  if (link.valid_from !== null && now.getTime() < Date.parse(link.valid_from)) {
    throw linkError(linkErrors.notYetValid);
  }
  // valid_until is the moment the link stops working, so it is exclusive.
  if (link.valid_until !== null && now.getTime() >= Date.parse(link.valid_until)) {
    throw linkError(linkErrors.expired);
  }
  const creator = state.users.find((user) => user.id === link.created_by_id);
  return { kind: "group_link", link, group, creator, organizationId: group.organization_id };
}

/** Resolves the caller or throws the 401/403 Kisi would answer. */
export function authenticate(
  state: EmulatorState,
  auth: ParsedAuth,
  allowed: readonly AuthKind[],
  now: Date,
  linkErrors: LinkErrors,
): Principal {
  if (auth.credential === null) throw kisiError(KISI_ERRORS.unauthenticated);
  if (auth.scheme === "KISI-LOGIN" && allowed.includes("login")) {
    const user = findUserByApiKey(state, auth.credential);
    if (!user) throw kisiError(KISI_ERRORS.unauthenticated);
    return { kind: "login", user, organizationId: user.organization_id };
  }
  if (auth.scheme === "KISI-GROUP-LINK" && allowed.includes("group_link")) {
    return authenticateLink(state, auth.credential, now, linkErrors);
  }
  // A link secret on a login-only endpoint, or a scheme the emulator has no credentials for
  // (access keys, OAuth tokens): Kisi's spec answers 401 for any missing or invalid auth.
  throw kisiError(KISI_ERRORS.unauthenticated);
}
