/**
 * A stored Kisi key's state: not yet checked, accepted, refused by Kisi, or accepted but refused
 * the studio's group. Its own module so the browser's contracts can name the states without
 * importing the database schema.
 */
export const KISI_KEY_STATUSES = ["unverified", "valid", "invalid", "group_forbidden"] as const;
