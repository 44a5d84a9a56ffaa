// The whole schema, as drizzle and drizzle-kit see it: Latchkey's tables and the auth tables.
export * from "./schema-core";
export * from "./auth-schema";
export * from "./schema-team";
export * from "./schema-tokens";
export * from "./schema-bulk";
export * from "./schema-brand";
export * from "./schema-staff-audit";
export * from "./schema-security";
export * from "./schema-webhooks";
export * from "./schema-outbox";
