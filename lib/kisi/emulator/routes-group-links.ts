import { randomBytes } from "node:crypto";
import { badRequest, KISI_ERRORS, kisiError, validationError } from "./errors";
import type { GroupLinkRecord } from "./state";
import { nextGroupLinkId } from "./state";
import {
  optionalEnum,
  optionalIds,
  optionalInt,
  pagedReply,
  parsePage,
  textMatches,
} from "./list-params";
import type { Route, RouteContext, RouteResult } from "./route-types";
import { LOGIN_ONLY } from "./route-types";
import { groupLinkCreated, groupLinkListItem } from "./shapes";
import { isRecord, parseDateTime, parsePathId } from "./values";

// A 1×1 transparent PNG: Kisi returns the QR as a Base64 PNG; its pixels do not matter here.
const QR_PLACEHOLDER_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Kisi accepts only US, Canadian and Puerto Rican numbers in E.164.
const NANP_PHONE = /^\+1\d{10}$/;

type Errors = Record<string, string[]>;

function addError(errors: Errors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

function optionalText(value: unknown): string | null | false {
  if (value === undefined || value === null || value === "") return null;
  return typeof value === "string" ? value : false;
}

function dateField(errors: Errors, input: Record<string, unknown>, field: string): string | null {
  const value = optionalText(input[field]);
  if (value === null) return null;
  const parsed = value === false ? undefined : parseDateTime(value);
  if (parsed === undefined) addError(errors, field, "is invalid");
  return parsed ?? null;
}

function createGroupLink(ctx: RouteContext): RouteResult {
  const { state, principal, now } = ctx;
  const input = isRecord(ctx.body) ? ctx.body.group_link : undefined;
  // Rails' params.require(:group_link): a missing wrapper is a 400, not a validation error.
  if (!isRecord(input)) throw badRequest("param is missing or the value is empty: group_link");
  const errors: Errors = {};

  const name = typeof input.name === "string" ? input.name : "";
  if (name.trim() === "") addError(errors, "name", "can't be blank");

  const rawGroupId = input.group_id;
  let groupId: number | undefined;
  if (rawGroupId === undefined || rawGroupId === null || rawGroupId === "") {
    addError(errors, "group_id", "can't be blank");
  } else if (Number.isInteger(rawGroupId)) {
    groupId = rawGroupId as number;
  } else if (typeof rawGroupId === "string" && /^\d+$/.test(rawGroupId)) {
    groupId = Number(rawGroupId);
  } else {
    addError(errors, "group_id", "is not a number");
  }
  const group = state.groups.find((candidate) => candidate.id === groupId);
  // Authorization comes before validation: another tenant's group is forbidden, not invalid.
  if (group && group.organization_id !== principal.organizationId) {
    throw kisiError(KISI_ERRORS.accessDenied);
  }
  if (groupId !== undefined && !group) addError(errors, "group", "must exist");

  const email = optionalText(input.email);
  if (email === false || (email !== null && !EMAIL.test(email))) {
    addError(errors, "email", "is invalid");
  }
  const phone = optionalText(input.phone);
  if (phone === false || (phone !== null && !NANP_PHONE.test(phone))) {
    addError(errors, "phone", "is invalid");
  }
  const rawQrType = input.quick_response_code_type ?? null;
  const qrType = rawQrType === "online" || rawQrType === "offline" ? rawQrType : null;
  if (rawQrType !== null && qrType === null) {
    addError(errors, "quick_response_code_type", "is not included in the list");
  }
  const linkEnabled = input.link_enabled ?? true;
  if (typeof linkEnabled !== "boolean") {
    addError(errors, "link_enabled", "is not included in the list");
  }
  const validFrom = dateField(errors, input, "valid_from");
  const validUntil = dateField(errors, input, "valid_until");
  if (
    validFrom !== null &&
    validUntil !== null &&
    Date.parse(validUntil) <= Date.parse(validFrom)
  ) {
    addError(errors, "valid_until", "must be after valid from");
  }
  if (Object.keys(errors).length > 0 || !group) throw validationError(errors);

  const at = now.toISOString();
  const link: GroupLinkRecord = {
    id: nextGroupLinkId(state),
    name,
    email: typeof email === "string" ? email : null,
    phone: typeof phone === "string" ? phone : null,
    link_enabled: linkEnabled === true,
    quick_response_code_type: qrType,
    valid_from: validFrom,
    valid_until: validUntil,
    last_used_at: null,
    group_id: group.id,
    created_by_id: principal.kind === "login" ? principal.user.id : 0,
    // 256 random bits, URL-safe: Kisi's secret format is undocumented, so treat it as opaque.
    secret: randomBytes(32).toString("base64url"),
    quick_response_code_token: qrType === null ? null : randomBytes(16).toString("hex"),
    quick_response_code_image: qrType === null ? null : QR_PLACEHOLDER_PNG,
    created_at: at,
    updated_at: at,
    deletedAt: null,
  };
  state.groupLinks.push(link);
  // Kisi mails (or texts) the link itself whenever these are given.
  if (link.email !== null) state.sentEmails.push({ groupLinkId: link.id, email: link.email, at });
  if (link.phone !== null) state.sentTexts.push({ groupLinkId: link.id, phone: link.phone, at });
  // Kisi answers 200, not 201, and this is the only response that carries the secret.
  return { status: 200, body: groupLinkCreated(state, link) };
}

const SORTS = [
  "name",
  "-name",
  "unlock",
  "-unlock",
  "valid_until",
  "-valid_until",
  "group_name",
  "-group_name",
] as const;

function compareNullable(a: string | null, b: string | null, nullsFirst: boolean): number {
  if (a === b) return 0;
  if (a === null) return nullsFirst ? -1 : 1;
  if (b === null) return nullsFirst ? 1 : -1;
  return Date.parse(a) - Date.parse(b);
}

function listGroupLinks(ctx: RouteContext): RouteResult {
  const { state, principal, query } = ctx;
  const ids = optionalIds(query);
  const groupId = optionalInt(query, "group_id");
  const sort = optionalEnum(query, "sort", SORTS);
  const page = parsePage(query, 10);
  const groupName = (link: GroupLinkRecord) =>
    state.groups.find((group) => group.id === link.group_id)?.name ?? "";

  const links = state.groupLinks.filter((link) => {
    const group = state.groups.find((candidate) => candidate.id === link.group_id);
    return (
      link.deletedAt === null &&
      group?.organization_id === principal.organizationId &&
      (ids === undefined || ids.has(link.id)) &&
      (groupId === undefined || link.group_id === groupId) &&
      textMatches(query.query, link.name, link.email, link.phone, group.name)
    );
  });
  const key = sort?.replace(/^-/, "");
  const direction = sort?.startsWith("-") ? -1 : 1;
  links.sort((a, b) => {
    let order = 0;
    if (key === "name") order = a.name.localeCompare(b.name, "en", { sensitivity: "base" });
    if (key === "group_name") order = groupName(a).localeCompare(groupName(b), "en");
    // Links without expiry come last; links never used come first (Kisi's spec).
    if (key === "valid_until") order = compareNullable(a.valid_until, b.valid_until, false);
    if (key === "unlock") order = compareNullable(a.last_used_at, b.last_used_at, true);
    return direction * (order !== 0 ? order : a.id - b.id);
  });
  return pagedReply(links, page, ctx.options.collectionRange, (link) =>
    groupLinkListItem(state, link),
  );
}

function deleteGroupLink(ctx: RouteContext): RouteResult {
  const { state, principal } = ctx;
  const id = parsePathId(ctx.params.id);
  const link = state.groupLinks.find((candidate) => candidate.id === id && !candidate.deletedAt);
  const group = link && state.groups.find((candidate) => candidate.id === link.group_id);
  if (!link || group?.organization_id !== principal.organizationId) {
    throw kisiError(KISI_ERRORS.recordNotFound);
  }
  link.deletedAt = ctx.now.toISOString();
  link.updated_at = link.deletedAt;
  return { status: 204 };
}

export const GROUP_LINK_ROUTES: Route[] = [
  { method: "GET", pattern: "/group_links", auth: LOGIN_ONLY, handle: listGroupLinks },
  { method: "POST", pattern: "/group_links", auth: LOGIN_ONLY, handle: createGroupLink },
  { method: "DELETE", pattern: "/group_links/:id", auth: LOGIN_ONLY, handle: deleteGroupLink },
];
