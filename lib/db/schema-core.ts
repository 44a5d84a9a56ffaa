import { sql } from "drizzle-orm";
import {
  customType,
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { EMAIL_STATUSES } from "../schemas/email-status";
import { KISI_KEY_STATUSES } from "../schemas/kisi-key-status";
import { LOCALES } from "../i18n/locales";
import type { LinkRules, StudioHours } from "../access-rules/schema";

/**
 * Latchkey's tables. PostgreSQL is the single source of truth shared by every instance:
 * processes keep nothing but caches (docs/architecture.md "Where state lives").
 *
 * Secrets are stored only as AES-256-GCM envelopes (`*_ciphertext`, see lib/crypto) or hashes.
 */

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** A franchise or a single-studio business: the tenant boundary for owners. */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /**
     * How many months of unlock audit to keep; null keeps it all (the default). Older rows are
     * deleted by the background jobs in small batches (lib/audit/retention.ts).
     */
    auditRetentionMonths: integer("audit_retention_months"),
    ...timestamps,
  },
  (t) => [
    check(
      "organizations_audit_retention_range",
      sql`${t.auditRetentionMonths} is null or ${t.auditRetentionMonths} between 1 and 120`,
    ),
  ],
);

/** A studio's Kisi API key. Write-only: the key never leaves the server, only its last four. */
export const kisiCredentials = pgTable(
  "kisi_credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    apiKeyCiphertext: text("api_key_ciphertext").notNull(),
    apiKeyLast4: text("api_key_last4").notNull(),
    /**
     * A SHA-256 prefix of the key (safe to keep: the key is high-entropy). Kisi counts its
     * 5 requests/s per Kisi user, so calls are paced per key, wherever the same key is stored.
     */
    apiKeyFingerprint: text("api_key_fingerprint").notNull(),
    /**
     * unverified → valid | invalid (Kisi answered 401: stop using it) |
     * group_forbidden (Kisi answered 403 to a create: the key may not issue links for the
     * studio's group; it is still used for everything else, and a successful create or another
     * group clears it).
     */
    status: text("status", { enum: KISI_KEY_STATUSES }).notNull().default("unverified"),
    statusReason: text("status_reason"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("kisi_credentials_org_idx").on(t.organizationId)],
);

export const studios = pgTable(
  "studios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull().default("UTC"),
    defaultLocale: text("default_locale").notNull().default("en"),
    kisiCredentialId: uuid("kisi_credential_id").references(() => kisiCredentials.id, {
      onDelete: "set null",
    }),
    kisiGroupId: bigint("kisi_group_id", { mode: "number" }),
    kisiPlaceId: bigint("kisi_place_id", { mode: "number" }),
    // Branding. Text colours are derived from these for AA contrast, never stored.
    logoPath: text("logo_path"),
    primaryColor: text("primary_color").notNull().default("#1d4ed8"),
    accentColor: text("accent_color").notNull().default("#0f766e"),
    senderName: text("sender_name"),
    replyTo: text("reply_to"),
    supportEmail: text("support_email"),
    supportPhone: text("support_phone"),
    address: text("address"),
    // Geofence (docs/product-rules.md): centre defaults to the Kisi place's coordinates when null.
    geofenceEnabled: boolean("geofence_enabled").notNull().default(false),
    geofenceLatitude: doublePrecision("geofence_latitude"),
    geofenceLongitude: doublePrecision("geofence_longitude"),
    geofenceRadiusM: integer("geofence_radius_m").notNull().default(100),
    geofenceMaxAccuracyM: integer("geofence_max_accuracy_m").notNull().default(150),
    geofenceMaxAgeS: integer("geofence_max_age_s").notNull().default(60),
    // The issue form's "this class" preset: how long a visit usually lasts (the week preset is
    // always 7 days).
    classMinutes: integer("class_minutes").notNull().default(90),
    /**
     * Opening hours with dated exceptions (lib/access-rules/schema.ts), in `timeZone`; null =
     * always open, as before rules existed. Validated by studioHoursSchema on every write.
     */
    openingHours: jsonb("opening_hours").$type<StudioHours>(),
    /** How long one visit lasts for visit limits; null = `classMinutes`. */
    visitMinutes: integer("visit_minutes"),
    ...timestamps,
  },
  (t) => [
    index("studios_org_idx").on(t.organizationId),
    check("studios_class_minutes_positive", sql`${t.classMinutes} > 0`),
    check(
      "studios_visit_minutes_positive",
      sql`${t.visitMinutes} is null or ${t.visitMinutes} > 0`,
    ),
    check("studios_radius_positive", sql`${t.geofenceRadiusM} > 0`),
    check("studios_accuracy_positive", sql`${t.geofenceMaxAccuracyM} > 0`),
    check("studios_age_positive", sql`${t.geofenceMaxAgeS} > 0`),
  ],
);

/**
 * Per-door settings: overrides of the studio's geofence (null columns inherit the studio's
 * value), the staff's display names per language (locale → name; `{}` = Kisi's name) and the
 * door's shared-opening window (null = the deployment's LATCHKEY_SHARED_OPEN_SECONDS, 0 = off).
 */
export const doorSettings = pgTable(
  "door_settings",
  {
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    kisiLockId: bigint("kisi_lock_id", { mode: "number" }).notNull(),
    geofenceEnabled: boolean("geofence_enabled"),
    geofenceLatitude: doublePrecision("geofence_latitude"),
    geofenceLongitude: doublePrecision("geofence_longitude"),
    geofenceRadiusM: integer("geofence_radius_m"),
    geofenceMaxAccuracyM: integer("geofence_max_accuracy_m"),
    displayNames: jsonb("display_names").$type<Record<string, string>>().notNull().default({}),
    sharedOpenSeconds: integer("shared_open_seconds"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.studioId, t.kisiLockId] }),
    check(
      "door_settings_shared_open_range",
      sql`${t.sharedOpenSeconds} is null or ${t.sharedOpenSeconds} between 0 and 30`,
    ),
  ],
);

/**
 * Which doors a Kisi group opens, as last seen (a link's door list, or the settings page's list
 * of the studio's group). A door's geofence is decided across the organization — the strictest
 * fence of every studio whose group holds that door applies, whichever studio's link opens it —
 * and studios on different groups can share a door, so the sharing must be known without asking
 * Kisi on every tap.
 */
export const kisiGroupDoors = pgTable(
  "kisi_group_doors",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kisiGroupId: bigint("kisi_group_id", { mode: "number" }).notNull(),
    kisiLockId: bigint("kisi_lock_id", { mode: "number" }).notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.kisiGroupId, t.kisiLockId] }),
    index("kisi_group_doors_lock_idx").on(t.organizationId, t.kisiLockId),
  ],
);

/**
 * A studio's pass types (issue #13): named presets of access rules with a default window length
 * and language ("Trial class: 1 visit, valid 14 days"). A link issued with one copies its rules,
 * so editing a pass type never changes links already out with guests.
 */
export const passTypes = pgTable(
  "pass_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // Validated by linkRulesSchema on every write.
    rules: jsonb("rules").$type<LinkRules>().notNull(),
    windowMinutes: integer("window_minutes").notNull(),
    locale: text("locale", { enum: LOCALES }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("pass_types_studio_idx").on(t.studioId),
    unique("pass_types_studio_name_uq").on(t.studioId, t.name),
    check("pass_types_window_positive", sql`${t.windowMinutes} > 0`),
  ],
);

export const LINK_STATUSES = [
  "creating",
  "kisi_unknown",
  "kisi_failed",
  "issued",
  "revoked",
] as const;

/**
 * An access link. `status` is the issuing/revocation state; the guest-facing lifecycle
 * (scheduled → active → expired) is derived from the window and the clock, never stored.
 */
export const accessLinks = pgTable(
  "access_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    /** SHA-256 (hex) of the token in /access/<token>: the only lookup key. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The token itself, encrypted, so admins can copy the link again and the outbox can mail it. */
    tokenCiphertext: text("token_ciphertext").notNull(),
    status: text("status", { enum: LINK_STATUSES }).notNull().default("creating"),
    /** Unique name sent to Kisi, so an ambiguous create can be reconciled (SECURITY.md J-4). */
    kisiName: text("kisi_name").notNull().unique(),
    kisiGroupLinkId: bigint("kisi_group_link_id", { mode: "number" }),
    /** The Kisi group at issue time: its doors are the link's doors, even if the studio moves on. */
    kisiGroupId: bigint("kisi_group_id", { mode: "number" }),
    kisiSecretCiphertext: text("kisi_secret_ciphertext"),
    guestName: text("guest_name").notNull(),
    guestEmail: text("guest_email"),
    /** Whether the guest is to be emailed: the outbox row is written only once Kisi confirmed. */
    emailRequested: boolean("email_requested").notNull().default(false),
    // Typed only (no database constraint): every writer validates it against LOCALES.
    locale: text("locale", { enum: LOCALES }).notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /**
     * When Kisi stopped accepting the link's secret (its link deleted or disabled in Kisi itself,
     * not through Latchkey): the link is revoked then, and the dashboard says where it happened.
     */
    kisiGoneAt: timestamp("kisi_gone_at", { withTimezone: true }),
    /** Set once Kisi confirmed the DELETE; null on a revoked link means the delete is still owed. */
    kisiDeletedAt: timestamp("kisi_deleted_at", { withTimezone: true }),
    /** A Kisi link replaced by a window change, still to be deleted on Kisi. */
    kisiSupersededId: bigint("kisi_superseded_id", { mode: "number" }),
    /**
     * The earliest start of a window change whose Kisi create may have left a second link of
     * this name (a timeout, a 5xx, an unreadable 200). Reconciliation lists Kisi's links of the
     * name once it has settled, deletes any that are neither the current nor the superseded one,
     * and clears it. Null when nothing can be left over.
     */
    kisiChangeStartedAt: timestamp("kisi_change_started_at", { withTimezone: true }),
    idempotencyKey: text("idempotency_key"),
    /** Hash of the request that used the idempotency key: a reuse with other data is a 409. */
    idempotencyFingerprint: text("idempotency_fingerprint"),
    createdBy: text("created_by"),
    /**
     * The booking system's own reference (a booking or member id, ≤ 200 characters), unique per
     * studio when given: `GET …/links?externalRef=` finds the link, an issue repeating it with
     * the same data is a replay and with other data a 409, and webhook payloads carry it.
     */
    externalRef: text("external_ref"),
    /** Access rules beyond the window (lib/access-rules); null = the window alone, as before. */
    rules: jsonb("rules").$type<LinkRules>(),
    /** The pass type the rules were copied from, for the dashboard; the copy is what applies. */
    passTypeId: uuid("pass_type_id").references(() => passTypes.id, { onDelete: "set null" }),
    /**
     * Visit counting (only for rules with a visit limit or a first-use validity): visits begun,
     * when the current one began, and whether Kisi confirmed it. A visit is reserved by one
     * conditional UPDATE before Kisi is called and handed back if Kisi fails, so the limit holds
     * across instances and a failed unlock costs nothing (lib/access-rules/visits.ts).
     */
    visitsUsed: integer("visits_used").notNull().default(0),
    visitStartedAt: timestamp("visit_started_at", { withTimezone: true }),
    visitConfirmed: boolean("visit_confirmed").notNull().default(true),
    /** The first successful unlock: "valid from first use" counts from here. */
    firstUsedAt: timestamp("first_used_at", { withTimezone: true }),
    /**
     * When Kisi's link last got the window that first use implies (set by every replacement
     * made after the first use): null on a used day pass means the narrowing is still owed,
     * and reconciliation retries it (lib/links/reconcile.ts).
     */
    kisiNarrowedAt: timestamp("kisi_narrowed_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    unique("access_links_idempotency_uq").on(t.studioId, t.idempotencyKey),
    // NULLs never collide in a unique constraint: links without a reference are unconstrained.
    unique("access_links_external_ref_uq").on(t.studioId, t.externalRef),
    // The list's order, newest first, with the id as tie-breaker (lib/links/list-links.ts).
    index("access_links_studio_created_idx").on(
      t.studioId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // "active" and "scheduled" are the links whose window has not ended: few, even in a studio
    // with years of expired links, so this index finds them without reading the others.
    index("access_links_studio_valid_until_idx").on(t.studioId, t.validUntil),
    // "revoked" and "pending" are the few links not issued: their own (partial) index, in the
    // list's order, so filtering by them never walks past years of issued links.
    index("access_links_studio_not_issued_idx")
      .on(t.studioId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} <> 'issued'`),
    // Search by any part of a name or an email address (ILIKE '%q%') — pg_trgm, created by the
    // migration that adds these indexes, on PGlite and PostgreSQL alike.
    // fastupdate off: PGlite has no autovacuum to flush a GIN pending list, which every search
    // would otherwise read end to end. Links are written rarely; searched often.
    index("access_links_guest_name_trgm_idx")
      .using("gin", t.guestName.op("gin_trgm_ops"))
      .with({ fastupdate: "off" }),
    index("access_links_guest_email_trgm_idx")
      .using("gin", t.guestEmail.op("gin_trgm_ops"))
      .with({ fastupdate: "off" }),
    check("access_links_window", sql`${t.validUntil} > ${t.validFrom}`),
    check("access_links_visits_used", sql`${t.visitsUsed} >= 0`),
  ],
);

export { EMAIL_STATUSES };

/** Every unlock attempt, allowed or denied (SECURITY.md B-7). Never a token or a secret. */
export const unlockAudit = pgTable(
  "unlock_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    linkId: uuid("link_id").references(() => accessLinks.id, { onDelete: "set null" }),
    studioId: uuid("studio_id").references(() => studios.id, { onDelete: "set null" }),
    kisiLockId: bigint("kisi_lock_id", { mode: "number" }),
    /** "unlocked" or one of the visitor API's error codes (docs/product-rules.md). */
    outcome: text("outcome").notNull(),
    allowed: boolean("allowed").notNull(),
    kisiStatus: integer("kisi_status"),
    kisiCode: text("kisi_code"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    accuracyM: doublePrecision("accuracy_m"),
    distanceM: doublePrecision("distance_m"),
    ipHash: text("ip_hash"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Keyset pages newest first (lib/pagination/cursor.ts): the order and the cursor's row
    // comparison are exactly these columns, so a page reads only its own rows at any size.
    index("unlock_audit_link_idx").on(
      t.linkId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("unlock_audit_studio_idx").on(
      t.studioId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // A link's last successful unlock (the links list): one index entry, however busy the link.
    index("unlock_audit_link_unlocked_idx")
      .on(t.linkId, t.createdAt.desc().nullsFirst())
      .where(sql`${t.outcome} = 'unlocked'`),
  ],
);

/**
 * Fixed-window counters for the visitor API's rate limits (SECURITY.md B-4). In PostgreSQL, not
 * in process memory, so every instance enforces the same limit.
 */
export const rateLimitCounters = pgTable("rate_limit_counters", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // node-postgres gives a Buffer, PGlite a Uint8Array: callers always get a Buffer.
  fromDriver: (value) => Buffer.from(value),
});

/** A studio's logo, in the database so every instance serves the same one. */
export const studioLogos = pgTable("studio_logos", {
  studioId: uuid("studio_id")
    .primaryKey()
    .references(() => studios.id, { onDelete: "cascade" }),
  contentType: text("content_type", { enum: ["image/png", "image/jpeg", "image/webp"] }).notNull(),
  bytes: bytea("bytes").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Kisi pacing shared by every instance (docs/kisi-api.md §6): per Kisi key, the earliest time the next
 * call may start. Each call reserves its slot with one atomic upsert, so N instances together
 * stay within the budget one instance keeps alone.
 */
export const kisiPacing = pgTable("kisi_pacing", {
  key: text("key").primaryKey(),
  nextSlotAt: timestamp("next_slot_at", { withTimezone: true }).notNull(),
});

/**
 * Taps waiting their turn in a Kisi lane, so a guest's page can ask "how many are ahead of me"
 * on any instance. A row lives only while its tap waits (deleted when it is sent or given up);
 * rows older than the longest allowed wait are ignored, so a crashed instance leaves no queue.
 */
export const unlockWaits = pgTable(
  "unlock_waits",
  {
    linkId: uuid("link_id")
      .notNull()
      .references(() => accessLinks.id, { onDelete: "cascade" }),
    kisiLockId: bigint("kisi_lock_id", { mode: "number" }).notNull(),
    lane: text("lane").notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.linkId, t.kisiLockId] }),
    index("unlock_waits_lane_idx").on(t.lane, t.queuedAt),
  ],
);
