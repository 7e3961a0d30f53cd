import argon2 from 'argon2';
import type { Connection } from 'mysql2/promise';
import type { Dataset } from '../lib/database';

/** Bump when the inserted rows change, so kept databases are made again. */
const GENERATOR_VERSION = 1;

/** The hub whose forum the benchmark posts in, and the member agency of its two users. */
export const HUB_SLUG = 'jipp-jawa-timur';
export const AGENCY_SHORT_NAME = 'Pemkab Banyuwangi';

/** Only in this benchmark's own database. */
export const BENCH_PASSWORD = 'bench-forum-password-2026';

export const USERS = {
  /** Whose access token every socket carries (1,000 browser tabs of one reader). */
  reader: { email: 'pembaca@bench.jipp.test', name: 'Pembaca Bench' },
  /** Who posts: another user, so the readers' sockets receive every post. */
  poster: { email: 'penulis@bench.jipp.test', name: 'Penulis Bench' },
} as const;

// a type, not an interface: the database keeps it as a Record<string, unknown>
export type ForumDatasetSummary = {
  hubId: number;
  agencyId: number;
  users: Record<keyof typeof USERS, { id: number; email: string }>;
};

/**
 * The reference seed (regions, agencies, hubs) plus two members of Pemkab Banyuwangi, an agency of
 * the JIPP Jawa Timur hub, so both may read and post in the hub's forum. The thread is made by each
 * run through GraphQL `createThread`.
 */
export function forumDataset(): Dataset {
  return {
    name: 'forum',
    fingerprint: `users=2;generator=${GENERATOR_VERSION}`,
    generate,
  };
}

async function generate(connection: Connection): Promise<ForumDatasetSummary> {
  const [hubs] = await connection.query('SELECT id FROM network WHERE slug = ?', [HUB_SLUG]);
  const hubId = (hubs as Array<{ id: number }>)[0]?.id;
  const [agencies] = await connection.query(
    'SELECT a.id FROM agency a JOIN network_member m ON m.agency_id = a.id WHERE a.short_name = ? AND m.network_id = ?',
    [AGENCY_SHORT_NAME, hubId ?? 0],
  );
  const agencyId = (agencies as Array<{ id: number }>)[0]?.id;
  if (hubId === undefined || agencyId === undefined) {
    throw new Error(`the bench database has no hub ${HUB_SLUG} with ${AGENCY_SHORT_NAME}: did the seed run?`);
  }
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
  const users = {} as ForumDatasetSummary['users'];
  for (const [key, user] of Object.entries(USERS) as Array<
    [keyof typeof USERS, (typeof USERS)[keyof typeof USERS]]
  >) {
    const [result] = await connection.query(
      "INSERT INTO `user` (agency_id, email, name, password_hash, role, status) VALUES (?, ?, ?, ?, 'MEMBER', 'ACTIVE')",
      [agencyId, user.email, user.name, hash],
    );
    users[key] = { id: (result as { insertId: number }).insertId, email: user.email };
  }
  return { hubId, agencyId, users };
}
