import argon2 from 'argon2';
import type { Connection } from 'mysql2/promise';
import { catalogueDataset } from '../catalogue/dataset';
import * as words from '../catalogue/words';
import type { Dataset } from '../lib/database';
import { log } from '../lib/log';

/** Bump when the forum rows below change, so kept databases are made again. */
const FORUM_GENERATOR_VERSION = 2;

/** The hub whose forum holds the threads; its member agencies hold the authors. */
export const HUB_SLUG = 'jipp-jawa-timur';
const AUTHORS = 40;
const THREADS = 60;
/** The measured thread holds this many posts; the others fewer. */
const MEASURED_THREAD_POSTS = 200;
const OTHER_THREAD_POSTS = 50;
/** Posts of the measured thread's first page that are deleted or hidden (their body is not shown). */
const DELETED_POST = 5;
const HIDDEN_POST = 9;
/** Only in this benchmark's own database; nobody signs in with it (the benchmark signs tokens). */
const AUTHOR_PASSWORD = 'bench-graphql-password-2026';
const BATCH = 500;
/** Threads start here, one hour apart; posts follow every few minutes. */
const FIRST_THREAD_AT = Date.UTC(2025, 5, 1);

// a type, not an interface: the database keeps it as a Record<string, unknown>
export type GraphqlDatasetSummary = {
  innovations: number;
  awards: number;
  hubId: number;
  /** The thread whose first page the benchmark reads. */
  threadId: number;
  threads: number;
  posts: number;
  authors: number;
  /** A member of an agency of the hub: may read its forum. */
  reader: { id: number; agencyId: number; role: 'MEMBER' };
  /** The single innovation read by slug: one with awards and a regency. */
  innovationSlug: string;
};

/**
 * The catalogue benchmark's innovations (same generator, same rows) plus a hub forum: `AUTHORS`
 * members of the JIPP Jawa Timur hub's agencies writing `THREADS` threads, the first with
 * `MEASURED_THREAD_POSTS` posts (replies, edits, one deleted and one hidden post on its first page).
 */
export function graphqlDataset(innovations: number): Dataset {
  const catalogue = catalogueDataset(innovations);
  return {
    // one database per size, so a smoke run does not rebuild the full run's data
    name: `graphql_${innovations}`,
    fingerprint: `${catalogue.fingerprint};authors=${AUTHORS};threads=${THREADS};posts=${MEASURED_THREAD_POSTS}/${OTHER_THREAD_POSTS};forum=${FORUM_GENERATOR_VERSION}`,
    generate: async (connection) => {
      const made = await catalogue.generate(connection);
      const forum = await generateForum(connection);
      const innovationSlug = await pickInnovation(connection);
      const summary: GraphqlDatasetSummary = {
        innovations: made['innovations'] as number,
        awards: made['awards'] as number,
        ...forum,
        innovationSlug,
      };
      return summary;
    },
  };
}

/** The lowest id with at least two awards and a regency: every card field has something to show. */
async function pickInnovation(connection: Connection): Promise<string> {
  const [rows] = await connection.query(
    `SELECT i.slug FROM innovation i
     WHERE i.status = 'PUBLISHED' AND i.region_code <> i.province_code
       AND (SELECT COUNT(*) FROM innovation_award a WHERE a.innovation_id = i.id) >= 2
     ORDER BY i.id LIMIT 1`,
  );
  const slug = (rows as Array<{ slug: string }>)[0]?.slug;
  if (!slug) throw new Error('the dataset has no innovation with two awards and a regency');
  return slug;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function generateForum(
  connection: Connection,
): Promise<Omit<GraphqlDatasetSummary, 'innovations' | 'awards' | 'innovationSlug'>> {
  const started = Date.now();
  const [hubs] = await connection.query('SELECT id FROM network WHERE slug = ?', [HUB_SLUG]);
  const hubId = (hubs as Array<{ id: number }>)[0]?.id;
  if (hubId === undefined) throw new Error(`the bench database has no hub ${HUB_SLUG}: did the seed run?`);
  const [memberRows] = await connection.query(
    'SELECT a.id, a.short_name FROM network_member m JOIN agency a ON a.id = m.agency_id WHERE m.network_id = ? ORDER BY a.id',
    [hubId],
  );
  const members = memberRows as Array<{ id: number; short_name: string | null }>;
  if (members.length === 0) throw new Error(`hub ${HUB_SLUG} has no member agencies`);

  const hash = await argon2.hash(AUTHOR_PASSWORD, { type: argon2.argon2id });
  await connection.beginTransaction();
  try {
    const authors: Array<{ id: number; agencyId: number; name: string }> = [];
    for (let i = 0; i < AUTHORS; i++) {
      const agency = members[(i * 7) % members.length]!;
      const name = `${words.FIRST_NAMES[i % words.FIRST_NAMES.length]} ${words.LAST_NAMES[(i * 3) % words.LAST_NAMES.length]}`;
      const [result] = await connection.query(
        "INSERT INTO `user` (agency_id, email, name, password_hash, role, status, created_at) VALUES (?, ?, ?, ?, 'MEMBER', 'ACTIVE', ?)",
        [agency.id, `anggota-${i + 1}@bench.jipp.test`, name, hash, new Date(FIRST_THREAD_AT)],
      );
      authors.push({ id: (result as { insertId: number }).insertId, agencyId: agency.id, name });
    }

    let posts = 0;
    let measuredThreadId = 0;
    for (let t = 0; t < THREADS; t++) {
      const count = t === 0 ? MEASURED_THREAD_POSTS : OTHER_THREAD_POSTS;
      const [service] = words.SERVICES[t % words.SERVICES.length]!;
      const opener = authors[(t * 5) % authors.length]!;
      const startedAt = FIRST_THREAD_AT + t * 3_600_000;
      const lastPostAt = new Date(startedAt + (count - 1) * 240_000);
      const [threadResult] = await connection.query(
        "INSERT INTO thread (subject, hub_id, title, author_user_id, post_count, last_post_at, last_activity_at, created_at, updated_at) VALUES ('HUB', ?, ?, ?, ?, ?, ?, ?, ?)",
        [
          hubId,
          `Berbagi pengalaman: layanan ${service.toLowerCase()} ${words.QUALIFIERS[t % words.QUALIFIERS.length]!.toLowerCase()}`,
          opener.id,
          t === 0 ? count - 1 : count, // the deleted post does not count
          lastPostAt,
          lastPostAt,
          new Date(startedAt),
          lastPostAt,
        ],
      );
      const threadId = (threadResult as { insertId: number }).insertId;
      if (t === 0) measuredThreadId = threadId;

      // explicit ids (the table starts empty), so replies can point at the thread's earlier posts
      const firstId = posts + 1;
      for (let from = 0; from < count; from += BATCH) {
        const rows: unknown[][] = [];
        for (let p = from; p < Math.min(from + BATCH, count); p++) {
          const author = p === 0 ? opener : authors[(t * 11 + p * 7) % authors.length]!;
          const createdAt = new Date(startedAt + p * 240_000);
          const text = `${words.APPROACHES[(t + p) % words.APPROACHES.length]}; hasilnya ${words.IMPACTS[(t * 3 + p) % words.IMPACTS.length]}.`;
          // every third post answers one of the few before it
          const replyTo = p > 0 && p % 3 === 0 ? firstId + Math.max(0, p - 1 - (p % 5)) : null;
          const edited = p % 10 === 4 ? new Date(createdAt.getTime() + 120_000) : null;
          const measured = t === 0;
          const deletedAt = measured && p === DELETED_POST ? new Date(createdAt.getTime() + 600_000) : null;
          const hidden = measured && p === HIDDEN_POST;
          rows.push([
            firstId + p,
            threadId,
            author.id,
            text,
            `<p>${escapeHtml(text)}</p>`,
            replyTo,
            edited,
            deletedAt,
            hidden ? new Date(createdAt.getTime() + 900_000) : null,
            hidden ? 'SPAM' : null,
            hidden ? 3 : 0,
            createdAt,
            edited ?? createdAt,
          ]);
        }
        await connection.query(
          'INSERT INTO post (id, thread_id, author_user_id, body, body_html, reply_to_post_id, edited_at, deleted_at, hidden_at, hidden_reason, flag_count, created_at, updated_at) VALUES ?',
          [rows],
        );
        posts += rows.length;
      }
    }
    await connection.commit();
    const reader = authors[1]!;
    log(
      `generated ${AUTHORS} authors, ${THREADS} threads and ${posts} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return {
      hubId,
      threadId: measuredThreadId,
      threads: THREADS,
      posts,
      authors: AUTHORS,
      reader: { id: reader.id, agencyId: reader.agencyId, role: 'MEMBER' },
    };
  } catch (error) {
    await connection.rollback();
    throw error;
  }
}
