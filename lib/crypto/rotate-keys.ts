import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/connect";
import { openFor, sealFor, secretContext } from "@/lib/links/secrets";
import { openInvitationToken, sealInvitationToken } from "@/lib/team/invitation-token";
import { DecryptionError, keyId, type Keyring } from "./encryption";

/**
 * Re-encryption after a key rotation (`npm run keys:rotate`): every envelope not sealed with the
 * current key is opened (with a previous key) and sealed again with the current one, bound to
 * the same row as before. Rows are read in id order, a batch at a time, and each update only
 * applies if the envelope is still the one that was read — a row changed meanwhile (a window
 * change re-seals the Kisi secret) already carries the current key and is left alone.
 *
 * An envelope no configured key opens is reported (table, column, row id — never a secret) and
 * left as it is: the old key may yet be found and put back in LATCHKEY_ENCRYPTION_KEYS_PREVIOUS.
 * Until then such a link answers `link_unreadable` and shows as "cannot be read — key missing".
 */
type Column = {
  table: string;
  column: string;
  open: (id: string, envelope: string, keyring: Keyring) => string;
  seal: (id: string, plaintext: string, keyring: Keyring) => string;
};

const COLUMNS: Column[] = [
  {
    table: "access_links",
    column: "token_ciphertext",
    open: (id, e, k) => openFor(secretContext.accessToken(id), e, k),
    seal: (id, p, k) => sealFor(secretContext.accessToken(id), p, k),
  },
  {
    table: "access_links",
    column: "kisi_secret_ciphertext",
    open: (id, e, k) => openFor(secretContext.kisiLinkSecret(id), e, k),
    seal: (id, p, k) => sealFor(secretContext.kisiLinkSecret(id), p, k),
  },
  {
    table: "kisi_credentials",
    column: "api_key_ciphertext",
    open: (id, e, k) => openFor(secretContext.kisiApiKey(id), e, k),
    seal: (id, p, k) => sealFor(secretContext.kisiApiKey(id), p, k),
  },
  {
    table: "email_outbox",
    column: "token_ciphertext",
    open: openInvitationToken,
    seal: sealInvitationToken,
  },
];

export type RotationReport = {
  /** Envelopes sealed again with the current key (or that would be, with `dryRun`). */
  reencrypted: Record<string, number>;
  /** Envelopes no configured key opens. */
  unreadable: { table: string; column: string; id: string }[];
};

const BATCH = 500;

export async function reencryptAll(
  db: Db,
  keyring: Keyring,
  options: { dryRun?: boolean } = {},
): Promise<RotationReport> {
  const current = keyId(keyring.currentKey);
  const report: RotationReport = { reencrypted: {}, unreadable: [] };
  for (const col of COLUMNS) {
    const name = `${col.table}.${col.column}`;
    report.reencrypted[name] = 0;
    const table = sql.identifier(col.table);
    const column = sql.identifier(col.column);
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await queryRows<{ id: string; envelope: string }>(
        db,
        sql`select id::text as id, ${column} as envelope from ${table}
            where ${column} is not null and split_part(${column}, '.', 2) <> ${current}
              and id > ${after}::uuid
            order by id limit ${BATCH}`,
      );
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = col.open(row.id, row.envelope, keyring);
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error;
          report.unreadable.push({ table: col.table, column: col.column, id: row.id });
          continue;
        }
        if (!options.dryRun) {
          const sealed = col.seal(row.id, plaintext, keyring);
          await db.execute(
            sql`update ${table} set ${column} = ${sealed}
                where id = ${row.id}::uuid and ${column} = ${row.envelope}`,
          );
        }
        report.reencrypted[name]! += 1;
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
  }
  return report;
}
