import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { EMAIL_STATUSES } from "@/lib/schemas/email-status";
import {
  INVITABLE_ROLES,
  ROLES,
  acceptBodySchema,
  changeRoleBodySchema,
  inviteBodySchema,
} from "@/lib/schemas/team";
import { defineContract } from "./define";
import { STUDIO_ERRORS, isoInstant, studioManagers, studioParams } from "./shared";

const memberParams = z.object({ studioId: z.string(), membershipId: z.string() });
const invitationParams = z.object({ studioId: z.string(), invitationId: z.string() });

const person = { userId: z.string(), name: z.string(), email: z.string() };

export const getTeam = defineContract({
  id: "team.list",
  method: "GET",
  path: "/api/studios/{studioId}/team",
  summary: "Owners (read-only), the studio's staff, and pending invitations",
  caller: studioManagers,
  params: studioParams,
  success: {
    status: 200,
    schema: z.object({
      owners: z.array(z.object(person)),
      members: z.array(
        z.object({ id: z.string(), ...person, role: z.enum(ROLES), you: z.boolean() }),
      ),
      invitations: z.array(
        z.object({
          id: z.string(),
          email: z.string(),
          role: z.enum(INVITABLE_ROLES),
          locale: z.string(),
          expiresAt: isoInstant,
          invitedBy: z.string().nullable(),
          emailStatus: z.enum(EMAIL_STATUSES).nullable(),
        }),
      ),
    }),
  },
  errors: STUDIO_ERRORS,
  internal: true,
});

export const changeMemberRole = defineContract({
  id: "team.changeRole",
  method: "PATCH",
  path: "/api/studios/{studioId}/team/members/{membershipId}",
  summary: "Manager ↔ front desk (never yourself); their sessions end",
  caller: studioManagers,
  params: memberParams,
  body: changeRoleBodySchema,
  success: {
    status: 200,
    schema: z.object({ id: z.string(), role: z.enum(INVITABLE_ROLES) }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed", "self_change_refused"],
  internal: true,
});

export const removeMember = defineContract({
  id: "team.remove",
  method: "DELETE",
  path: "/api/studios/{studioId}/team/members/{membershipId}",
  summary: "Take someone off this studio (never yourself); their account stays",
  caller: studioManagers,
  params: memberParams,
  success: {
    status: 200,
    schema: z.object({ id: z.string(), status: z.literal("removed") }),
  },
  errors: [...STUDIO_ERRORS, "self_change_refused"],
  internal: true,
});

const invitationUrl = z.url().meta({
  description: "The invitee's URL, in this answer only (only its hash is stored).",
});

export const createInvitation = defineContract({
  id: "team.invite",
  method: "POST",
  path: "/api/studios/{studioId}/team/invitations",
  summary: "Invite a manager or front desk; the email goes through the outbox",
  caller: studioManagers,
  params: studioParams,
  body: inviteBodySchema,
  success: {
    status: 201,
    schema: z.object({
      id: z.string(),
      email: z.string(),
      role: z.enum(INVITABLE_ROLES),
      locale: z.enum(LOCALES),
      expiresAt: isoInstant,
      url: invitationUrl,
    }),
  },
  errors: [...STUDIO_ERRORS, "validation_failed", "already_member"],
  internal: true,
});

export const revokeInvitation = defineContract({
  id: "team.revokeInvitation",
  method: "DELETE",
  path: "/api/studios/{studioId}/team/invitations/{invitationId}",
  summary: "Withdraw a pending invitation",
  caller: studioManagers,
  params: invitationParams,
  success: {
    status: 200,
    schema: z.object({ id: z.string(), status: z.literal("revoked") }),
  },
  errors: [...STUDIO_ERRORS, "conflict"],
  internal: true,
});

export const resendInvitation = defineContract({
  id: "team.resendInvitation",
  method: "POST",
  path: "/api/studios/{studioId}/team/invitations/{invitationId}/resend",
  summary: "A new URL and email, valid for 7 more days; the previous URL stops working",
  caller: studioManagers,
  params: invitationParams,
  success: {
    status: 200,
    schema: z.object({
      id: z.string(),
      email: z.string(),
      expiresAt: isoInstant,
      url: invitationUrl,
    }),
  },
  errors: [...STUDIO_ERRORS, "conflict"],
  internal: true,
});

/** Generous for a person typing a password, tight for a script guessing tokens. */
const ACCEPTS_PER_ADDRESS = { bucket: "invite-accept", limit: 10, windowSeconds: 600 };

export const acceptInvitation = defineContract({
  id: "team.accept",
  method: "POST",
  path: "/api/invitations/accept",
  summary: "Accept an invitation: a new person's account is made here, an existing one signs in",
  description:
    "The token (in the body, never the URL) is the credential. A new account's session cookie " +
    "comes back with the answer (`signedIn`).",
  caller: {
    kind: "public",
    why: "invitation accept, token-authenticated",
    sameOrigin: true,
    perAddress: ACCEPTS_PER_ADDRESS,
  },
  body: acceptBodySchema,
  success: {
    status: 200,
    schema: z.object({ studioId: z.string(), created: z.boolean(), signedIn: z.boolean() }),
  },
  errors: [
    "forbidden",
    "rate_limited",
    "invalid_request",
    "unsupported_media_type",
    "payload_too_large",
    "validation_failed",
    "invitation_invalid",
    "invitation_sign_in_required",
  ],
  internal: true,
});
