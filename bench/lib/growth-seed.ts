import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/connect";

/**
 * A year of one busy studio, written by SQL (never through the API: a million audit rows through
 * HTTP would take hours and measure the API instead). Shared by the growth bench and the query
 * plan test, so the test checks the plans of the data the bench measures.
 *
 * - `links` links created evenly over the past year, newest now; most are 2-hour visits, every
 *   tenth a week, every 50th revoked, so "active" is a few hundred at any size.
 * - Guest names from 40 × 40 first and last names ("Smith" is one of the 40), emails from them.
 * - `audit` unlock attempts over the same year, µs-precise times; a tenth go to one busy link (the
 *   "link with 100k attempts" at the largest size), the rest spread over all links; one in ten
 *   denied (too_far).
 * - An access email for every fifth link.
 */
export const GROWTH_IDS = {
  organization: "7b1f0000-0000-4000-8000-000000000001",
  studio: "7b1f0000-0000-4000-8000-000000000002",
  otherStudio: "7b1f0000-0000-4000-8000-000000000003",
  busyLink: "7b1f0000-0000-4000-8000-0000000000b1",
} as const;

const FIRST = [
  "Ada",
  "Ben",
  "Chloe",
  "Dev",
  "Ella",
  "Finn",
  "Grace",
  "Hugo",
  "Iris",
  "Jonas",
  "Kai",
  "Lena",
  "Mia",
  "Noah",
  "Olga",
  "Paul",
  "Quinn",
  "Rosa",
  "Sam",
  "Tara",
  "Uma",
  "Vik",
  "Wen",
  "Xavi",
  "Yara",
  "Zoe",
  "Anna",
  "Ravi",
  "Lea",
  "Omar",
  "Nina",
  "Theo",
  "Ines",
  "Luca",
  "Mara",
  "Emil",
  "Sofia",
  "Jan",
  "Eva",
  "Milo",
];
const LAST = [
  "Smith",
  "Jones",
  "Müller",
  "Schmidt",
  "Dubois",
  "Rossi",
  "Garcia",
  "de Vries",
  "Novak",
  "Kowalski",
  "Berg",
  "Silva",
  "Costa",
  "Martin",
  "Bernard",
  "Weber",
  "Wagner",
  "Becker",
  "Ricci",
  "Bianchi",
  "Lopez",
  "Moreau",
  "Laurent",
  "Janssen",
  "Visser",
  "Bakker",
  "Fischer",
  "Meyer",
  "Hoffmann",
  "Klein",
  "Wolf",
  "Neumann",
  "Romano",
  "Colombo",
  "Ferrari",
  "Sanchez",
  "Perez",
  "Gomez",
  "Fontaine",
  "Peeters",
];

const list = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(",")}]`;

export type GrowthSize = { links: number; audit: number };

export async function seedGrowth(db: Db, size: GrowthSize, tokenCiphertext = "lk1.x.y.z") {
  // One transaction, without the app pool's 15 s statement timeout: a million rows take longer.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    await insertAll(tx as unknown as Db, size, tokenCiphertext);
  });
  await db.execute(sql.raw(`analyze`));
}

async function insertAll(db: Db, size: GrowthSize, tokenCiphertext: string) {
  const { organization, studio, otherStudio, busyLink } = GROWTH_IDS;
  await db.execute(sql`insert into organizations (id, name) values (${organization}, 'Growth Co')`);
  await db.execute(
    sql`insert into studios (id, organization_id, name) values
        (${studio}, ${organization}, 'Busy Studio'), (${otherStudio}, ${organization}, 'Quiet')`,
  );
  // Link i was created i/links of a year ago: link 1 is the newest, and the busy one.
  await db.execute(
    sql.raw(`
    insert into access_links (id, studio_id, token_hash, token_ciphertext, status, kisi_name,
      kisi_group_link_id, guest_name, guest_email, locale, valid_from, valid_until, created_at,
      updated_at)
    select case when i = 1 then '${busyLink}'::uuid else gen_random_uuid() end,
      '${studio}', md5('growth-' || i), '${tokenCiphertext}',
      case when i % 50 = 0 then 'revoked' else 'issued' end, 'growth-' || i, i,
      n.first || ' ' || n.last,
      lower(replace(n.first || '.' || n.last, ' ', '')) || i || '@example.com', 'en',
      s.created, s.created + case when i % 10 = 0 then interval '7 days' else interval '2 hours' end,
      s.created, s.created
    from generate_series(1, ${size.links}) i
    cross join lateral (select now() - (i - 1) * (interval '365 days' / ${size.links}) as created) s
    cross join lateral (select (${list(FIRST)})[1 + (i * 7) % ${FIRST.length}] as first,
                               (${list(LAST)})[1 + (i * 13 / 3) % ${LAST.length}] as last) n
  `),
  );
  await db.execute(
    sql.raw(`
    create temporary table growth_links as
      select id, row_number() over (order by created_at desc) as rn
      from access_links where studio_id = '${studio}'
  `),
  );
  await db.execute(
    sql.raw(`
    insert into unlock_audit (link_id, studio_id, kisi_lock_id, outcome, allowed, distance_m,
      accuracy_m, created_at)
    select l.id, '${studio}', 5001 + i % 3,
      case when i % 10 = 3 then 'too_far' else 'unlocked' end, i % 10 <> 3,
      case when i % 10 = 3 then 420 else 12 end, 15,
      now() - (i - 1) * (interval '365 days' / ${size.audit}) - (i % 997) * interval '1 microsecond'
    from generate_series(1, ${size.audit}) i
    join growth_links l on l.rn = case when i % 10 = 0 then 1
                                       else 1 + (i::bigint * 7919) % ${size.links} end
  `),
  );
  await db.execute(
    sql.raw(`
    insert into email_outbox (link_id, studio_id, recipient, locale, status, subject, sent_at,
      created_at, updated_at)
    select a.id, '${studio}', a.guest_email, 'en', 'sent', 'Your access', a.created_at,
      a.created_at, a.created_at
    from access_links a join growth_links l on l.id = a.id where l.rn % 5 = 1
  `),
  );
  // A few rows of another studio, so every query has to filter by studio.
  await db.execute(
    sql.raw(`
    insert into unlock_audit (studio_id, outcome, allowed, created_at)
    select '${otherStudio}', 'unlocked', true, now() - i * interval '1 hour'
    from generate_series(1, 100) i
  `),
  );
  await db.execute(sql.raw(`drop table growth_links`));
}
