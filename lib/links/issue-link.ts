import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { kisiApiError } from "@/lib/api/kisi-error";
import type { Keyring } from "@/lib/crypto/encryption";
import { generateAccessToken, hashAccessToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db";
import { accessLinks, emailOutbox, kisiCredentials, studios } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { KisiClient, KisiLoginAuth } from "@/lib/kisi/client";
import { isKisiError } from "@/lib/kisi/errors";
import { log } from "@/lib/log/logger";
import { recordLinkEvent } from "@/lib/webhooks/record";
import { studioReadiness } from "@/lib/studios/readiness";
import type { LinkRules } from "@/lib/access-rules/schema";
import type { AccessLinkRow } from "./find-by-token";
import { credentialAuth } from "./kisi-auth";
import { openFor, sealFor, secretContext } from "./secrets";

export type IssueDeps = { db: Db; kisi: KisiClient; keyring: Keyring; appOrigin: string };

export type IssueInput = {
  studioId: string;
  guestName: string;
  guestEmail: string | null;
  locale: Locale;
  validFrom: Date;
  validUntil: Date;
  sendEmail: boolean;
  idempotencyKey?: string;
  /** The booking system's reference, unique per studio: a repeat with the same data replays. */
  externalRef?: string | null;
  createdBy?: string;
  /** Access rules beyond the window (validated by linkRulesSchema and against the window). */
  rules?: LinkRules | null;
  /** The studio's pass type the rules came from (the caller resolved and checked it). */
  passTypeId?: string | null;
};

export type IssuedLink = { link: AccessLinkRow; url: string; replayed: boolean };

export function accessUrl(appOrigin: string, token: string): string {
  return `${appOrigin}/access/${token}`;
}

/**
 * Whether a caller may read a link's access URL: staff of the studio may (they hand links out
 * by hand), an API token only for links it issued itself (`createdBy` is its actor ref). A
 * booking system has no business opening the doors of guests it did not book.
 */
export function mayReadAccessUrl(
  caller: { kind: "user" } | { kind: "api_token"; ref: string },
  link: { createdBy: string | null },
): boolean {
  return caller.kind === "user" || link.createdBy === caller.ref;
}

/**
 * Idempotency keys are the caller's own: stored as `<createdBy> <key>` (a key is printable ASCII
 * without spaces, so the two never run together). Otherwise an API token replaying a staff
 * member's key and body would get that staff link back, URL included.
 */
function scopedIdempotencyKey(input: IssueInput): string | null {
  if (input.idempotencyKey === undefined) return null;
  return input.createdBy ? `${input.createdBy} ${input.idempotencyKey}` : input.idempotencyKey;
}

/**
 * What issuing needs of a studio: its Kisi group and its key, opened for calls (the one decrypt).
 * Read once per request — and once per bulk batch, which issues hundreds of links for the same
 * studio. `credential.status` follows what issuing learns from Kisi (a refused key, a group
 * allowed again), so a batch sharing it does not call Kisi with a key Kisi already refused.
 */
export type IssuingStudio = {
  studio: typeof studios.$inferSelect;
  groupId: number;
  credential: typeof kisiCredentials.$inferSelect;
  auth: KisiLoginAuth;
};

export async function openIssuingStudio(
  deps: Pick<IssueDeps, "db" | "keyring">,
  studioId: string,
): Promise<IssuingStudio> {
  const [row] = await deps.db
    .select({ studio: studios, credential: kisiCredentials })
    .from(studios)
    .leftJoin(kisiCredentials, eq(kisiCredentials.id, studios.kisiCredentialId))
    .where(eq(studios.id, studioId));
  if (!row) throw new ApiError("not_found");
  const { studio, credential } = row;
  const readiness = studioReadiness({
    kisiGroupId: studio.kisiGroupId,
    keyStatus: credential?.status ?? null,
  });
  if (!readiness.ready)
    throw new ApiError(
      readiness.blocker === "key_invalid" ? "kisi_key_invalid" : "studio_not_ready",
    );
  // Narrowed for TypeScript: readiness has just required both.
  if (!credential || !studio.kisiGroupId) throw new ApiError("studio_not_ready");
  // Opened before anything is written: a key that cannot be decrypted leaves no row behind.
  return {
    studio,
    groupId: studio.kisiGroupId,
    credential,
    auth: credentialAuth(credential, deps.keyring),
  };
}

/**
 * Issues an access link (docs/architecture.md journey 1):
 * 1. the link row is written first (`creating`, with a unique Kisi name), so a Kisi call can
 *    never leave a link Latchkey does not know about;
 * 2. `POST /group_links` without an email — Kisi must not mail its own link;
 * 3. the Kisi id, the encrypted secret, `issued` and the outbox row commit together.
 * A create whose outcome is unknown (timeout, dropped connection, a 5xx, a 200 that is not a
 * link) leaves `kisi_unknown` for reconciliation by name, which runs before the same request may
 * try again; a refused one leaves `kisi_failed`. Both throw `kisi_unavailable` (with Retry-After).
 * Kisi's refusals say whose fault it is: 401 means the studio's key is no longer valid (it is
 * marked `invalid` and not used again until replaced); 403 means the key may not issue links for
 * this group (`group_forbidden`, its own words): the key is kept, so revokes and owed deletes go
 * on, and the next successful create clears it.
 *
 * With an `idempotencyKey`, a repeat of the same request returns the first link
 * (`replayed: true`); the same key with different data is a `conflict`.
 */
export async function issueLink(
  deps: IssueDeps,
  input: IssueInput,
  issuing?: IssuingStudio,
  retried = false,
): Promise<IssuedLink> {
  const { db, keyring } = deps;
  const opened = issuing ?? (await openIssuingStudio(deps, input.studioId));
  // A batch's studio, handed in: it must be this link's, and a key Kisi refused meanwhile stays
  // refused (issueLink marks it below, on the object the batch shares).
  if (opened.studio.id !== input.studioId) throw new Error("issuing studio mismatch");
  const { credential, auth, groupId } = opened;
  if (credential.status === "invalid") throw new ApiError("kisi_key_invalid");
  const fingerprint = fingerprintOf(input);
  const id = randomUUID();
  const token = generateAccessToken();
  const inserted = await db
    .insert(accessLinks)
    .values({
      id,
      studioId: input.studioId,
      tokenHash: hashAccessToken(token),
      tokenCiphertext: sealFor(secretContext.accessToken(id), token, keyring),
      status: "creating",
      kisiName: `${input.guestName} · Latchkey ${id.slice(0, 8)}`,
      kisiGroupId: groupId,
      guestName: input.guestName,
      guestEmail: input.guestEmail,
      emailRequested: Boolean(input.guestEmail && input.sendEmail),
      locale: input.locale,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      idempotencyKey: scopedIdempotencyKey(input),
      idempotencyFingerprint: input.idempotencyKey || input.externalRef ? fingerprint : null,
      externalRef: input.externalRef ?? null,
      createdBy: input.createdBy ?? null,
      rules: input.rules ?? null,
      passTypeId: input.passTypeId ?? null,
    })
    // Either unique key (the caller's idempotency key, the studio's external reference) makes
    // this a repeat; the random token hash and Kisi name never collide.
    .onConflictDoNothing()
    .returning();

  if (inserted.length === 0) return replay(deps, input, fingerprint, opened, retried);
  const link = inserted[0]!;

  let kisiLink;
  try {
    kisiLink = await deps.kisi.createGroupLink(auth, {
      name: link.kisiName,
      groupId,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
    });
  } catch (error) {
    const status =
      isKisiError(error) && error.createOutcomeUnknown ? "kisi_unknown" : "kisi_failed";
    await db
      .update(accessLinks)
      .set({ status, updatedAt: new Date() })
      .where(eq(accessLinks.id, id));
    log.warn("kisi create failed", { linkId: id, status, error });
    if (isKisiError(error) && error.isAuthFailure) {
      const forbidden = error.isForbidden;
      credential.status = forbidden ? "group_forbidden" : "invalid";
      await db
        .update(kisiCredentials)
        .set({
          status: forbidden ? "group_forbidden" : "invalid",
          statusReason: `Kisi answered ${error.status}`,
          updatedAt: new Date(),
        })
        .where(eq(kisiCredentials.id, credential.id));
    }
    throw kisiApiError(error, {
      authFailure: "kisi_key_invalid",
      forbidden: "kisi_group_forbidden",
    });
  }

  if (credential.status === "group_forbidden") {
    // Kisi now lets the key issue for this group (its user was given the rights): clear it.
    credential.status = "valid";
    await db
      .update(kisiCredentials)
      .set({ status: "valid", statusReason: null, updatedAt: new Date() })
      .where(
        and(eq(kisiCredentials.id, credential.id), eq(kisiCredentials.status, "group_forbidden")),
      );
  }
  const issued = await completeIssue(db, keyring, link, kisiLink);
  if (!issued) {
    // Revoked while Kisi was creating it: take Kisi's new link back down too.
    await deps.kisi
      .deleteGroupLink(auth, kisiLink.id)
      .catch((error: unknown) =>
        log.warn("kisi delete of a link revoked during issue failed", { linkId: id, error }),
      );
    throw new ApiError("conflict");
  }
  return { link: issued, url: accessUrl(deps.appOrigin, token), replayed: false };
}

async function replay(
  deps: IssueDeps,
  input: IssueInput,
  fingerprint: string,
  issuing: IssuingStudio,
  retried: boolean,
): Promise<IssuedLink> {
  const existing = await findRepeated(deps.db, input);
  if (!existing) throw new ApiError("conflict");
  if (existing.by === "externalRef") {
    // A reference is the studio's, not the caller's: only its own issuer gets the link back
    // (with its URL); anyone else, or other data, is told the reference is taken.
    const sameIssuer = existing.link.createdBy === (input.createdBy ?? null);
    if (!sameIssuer || existing.link.idempotencyFingerprint !== fingerprint)
      throw new ApiError("external_ref_conflict");
  } else if (existing.link.idempotencyFingerprint !== fingerprint) {
    throw new ApiError("idempotency_mismatch");
  }
  return replayLink(deps, input, existing.link, issuing, retried);
}

/** The link an insert collided with: by the caller's idempotency key first, else by reference. */
async function findRepeated(
  db: IssueDeps["db"],
  input: IssueInput,
): Promise<{ link: AccessLinkRow; by: "idempotencyKey" | "externalRef" } | null> {
  const key = scopedIdempotencyKey(input);
  if (key !== null) {
    const [byKey] = await db
      .select()
      .from(accessLinks)
      .where(and(eq(accessLinks.studioId, input.studioId), eq(accessLinks.idempotencyKey, key)));
    if (byKey) return { link: byKey, by: "idempotencyKey" };
  }
  if (input.externalRef) {
    const [byRef] = await db
      .select()
      .from(accessLinks)
      .where(
        and(
          eq(accessLinks.studioId, input.studioId),
          eq(accessLinks.externalRef, input.externalRef),
        ),
      );
    if (byRef) return { link: byRef, by: "externalRef" };
  }
  return null;
}

async function replayLink(
  deps: IssueDeps,
  input: IssueInput,
  existing: AccessLinkRow,
  issuing: IssuingStudio,
  retried: boolean,
): Promise<IssuedLink> {
  // Kisi refused the first try outright (no Kisi link exists): the same request may try again.
  // An unknown outcome (`kisi_unknown`) may not, until reconciliation finds out what happened.
  if (existing.status === "kisi_failed" && !retried) {
    await deps.db
      .delete(accessLinks)
      .where(and(eq(accessLinks.id, existing.id), eq(accessLinks.status, "kisi_failed")));
    return issueLink(deps, input, issuing, true);
  }
  const token = openFor(
    secretContext.accessToken(existing.id),
    existing.tokenCiphertext,
    deps.keyring,
  );
  return { link: existing, url: accessUrl(deps.appOrigin, token), replayed: true };
}

function fingerprintOf(input: IssueInput): string {
  const material = [
    input.guestName,
    input.guestEmail ?? "",
    input.locale,
    input.validFrom.toISOString(),
    input.validUntil.toISOString(),
    String(input.sendEmail),
    // Appended only when given, so fingerprints stored before references existed still match.
    ...(input.externalRef ? [input.externalRef] : []),
    // Rules are part of what was asked for: the same key with other rules is a mismatch. A
    // request without rules keeps the fingerprint it had before rules existed.
    ...(input.rules ? [JSON.stringify(input.rules), input.passTypeId ?? ""] : []),
  ];
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

/**
 * The last step of issuing, in one transaction: Kisi's id and encrypted secret, `issued`, the
 * outbox row when an email was asked for, and the `link.issued` webhook event. Only a link still `creating` is completed: one
 * revoked meanwhile stays revoked (returns null, and the caller removes Kisi's new link).
 */
export async function completeIssue(
  db: Db,
  keyring: Keyring,
  link: AccessLinkRow,
  kisiLink: { id: number; secret: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accessLinks)
      .set({
        status: "issued",
        kisiGroupLinkId: kisiLink.id,
        kisiSecretCiphertext: sealFor(
          secretContext.kisiLinkSecret(link.id),
          kisiLink.secret,
          keyring,
        ),
        updatedAt: new Date(),
      })
      .where(and(eq(accessLinks.id, link.id), eq(accessLinks.status, "creating")))
      .returning();
    if (!row) return null;
    if (row.emailRequested && row.guestEmail) {
      await tx.insert(emailOutbox).values({
        linkId: row.id,
        studioId: row.studioId,
        recipient: row.guestEmail,
        locale: row.locale,
      });
    }
    await recordLinkEvent(tx, "link.issued", row);
    return row;
  });
}
