import type { Connection } from 'mysql2/promise';
import type { Dataset } from '../lib/database';
import { log } from '../lib/log';

/** Bump when the inserted rows change, so kept databases are made again. */
const GENERATOR_VERSION = 1;
const BATCH = 1000;
/** One watcher in this many reads their notifications in English (the rest in Bahasa Indonesia). */
const ENGLISH_EVERY = 10;

/** The agency whose publications every watcher follows, and whose admin publishes them. */
export const ORIGIN_AGENCY_SHORT_NAME = 'Pemkab Banyuwangi';
export const ADMIN_EMAIL = 'admin-notifikasi@bench.jipp.test';

// a type, not an interface: the database keeps it as a Record<string, unknown>
export type NotificationsDatasetSummary = {
  originAgencyId: number;
  originAgencyName: string;
  adminUserId: number;
  watchers: number;
  englishWatchers: number;
  /** Other agencies the watchers belong to (watching an agency is open to everyone). */
  watcherAgencies: number;
};

/**
 * The reference seed plus `watchers` active members of the local governments (spread over them, one
 * in ten with locale EN) who all watch Pemkab Banyuwangi (`agency_watch`), and an admin of Pemkab
 * Banyuwangi who publishes its innovations. No passwords: the benchmark signs their access tokens
 * itself. No hub opts in to publish alerts, so an innovation published by Pemkab Banyuwangi reaches
 * exactly its watchers. The draft innovations are made by each run (they are used up).
 */
export function notificationsDataset(watchers: number): Dataset {
  return {
    name: 'notifications',
    fingerprint: `watchers=${watchers};generator=${GENERATOR_VERSION}`,
    generate: (connection) => generate(connection, watchers),
  };
}

async function generate(connection: Connection, watchers: number): Promise<NotificationsDatasetSummary> {
  const started = Date.now();
  const [origins] = await connection.query('SELECT id, name FROM agency WHERE short_name = ?', [
    ORIGIN_AGENCY_SHORT_NAME,
  ]);
  const origin = (origins as Array<{ id: number; name: string }>)[0];
  const [agencyRows] = await connection.query(
    "SELECT id FROM agency WHERE type IN ('PEMPROV', 'PEMKAB', 'PEMKOT') AND active = 1 AND id <> ? ORDER BY id",
    [origin?.id ?? 0],
  );
  const agencies = (agencyRows as Array<{ id: number }>).map((a) => a.id);
  if (!origin || agencies.length === 0) {
    throw new Error(
      `the bench database has no ${ORIGIN_AGENCY_SHORT_NAME} or local governments: did the seed run?`,
    );
  }
  const [admin] = await connection.query(
    "INSERT INTO `user` (agency_id, email, name, password_hash, role, status) VALUES (?, ?, 'Admin Notifikasi Bench', NULL, 'AGENCY_ADMIN', 'ACTIVE')",
    [origin.id, ADMIN_EMAIL],
  );
  const adminUserId = (admin as { insertId: number }).insertId;

  await connection.beginTransaction();
  try {
    for (let first = 1; first <= watchers; first += BATCH) {
      const rows: unknown[][] = [];
      for (let n = first; n < Math.min(first + BATCH, watchers + 1); n++) {
        const number = String(n).padStart(5, '0');
        rows.push([
          agencies[n % agencies.length],
          `pengamat-${number}@bench.jipp.test`,
          `Pengamat Bench ${number}`,
          null,
          'MEMBER',
          'ACTIVE',
          n % ENGLISH_EVERY === 0 ? 'en' : 'id',
        ]);
      }
      await connection.query(
        'INSERT INTO `user` (agency_id, email, name, password_hash, role, status, locale) VALUES ?',
        [rows],
      );
    }
    await connection.query(
      "INSERT INTO agency_watch (agency_id, user_id) SELECT ?, id FROM `user` WHERE email LIKE 'pengamat-%@bench.jipp.test'",
      [origin.id],
    );
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  }
  const [counts] = await connection.query(
    "SELECT COUNT(*) AS watchers, SUM(u.locale = 'en') AS english FROM agency_watch w JOIN `user` u ON u.id = w.user_id WHERE w.agency_id = ?",
    [origin.id],
  );
  const { watchers: made, english } = (counts as Array<{ watchers: number; english: string | number }>)[0]!;
  log(
    `generated ${made} watchers of ${ORIGIN_AGENCY_SHORT_NAME} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    originAgencyId: origin.id,
    originAgencyName: origin.name,
    adminUserId,
    watchers: Number(made),
    englishWatchers: Number(english),
    watcherAgencies: Math.min(agencies.length, watchers),
  };
}
