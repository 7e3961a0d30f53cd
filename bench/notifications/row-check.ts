import { createHash } from 'node:crypto';
import type { Pool } from 'mysql2/promise';
import type { Draft } from './drafts';
import type { NotificationMessage } from './protocol';
import type { PushRecord } from './push-channel';

/** What one event left in the database, checked against who should have heard of it. */
export interface RowCheck {
  rows: number;
  /** Expected recipients without a row. */
  missing: number;
  /** Rows of users who should not have heard of it. */
  unexpected: number;
  /** Rows beyond the first per user. */
  duplicates: number;
  /** Rows whose push carried another notification id (a missing push is counted by the push channel). */
  pushMismatches: number;
  /** Of every row without what changes from event to event (ids, times, the innovation's title and slug). */
  digest: string;
  /** The outbox row: written by the api, marked by the relay (epoch ms). */
  outboxCreatedAtMs: number;
  dispatchedAtMs: number | null;
  /** The `created_at` of the first and the last notification (epoch ms). */
  firstRowAtMs: number;
  lastRowAtMs: number;
}

interface Row {
  id: number | string;
  user_id: number;
  type: string;
  actor_user_id: number | null;
  title: string;
  body: string;
  link: string;
  in_app: number;
  email_mode: string;
  email_sent_at: Date | null;
  read_at: Date | null;
  created_at: Date;
}

/** A text of an event's notification with the innovation's title and slug replaced by placeholders. */
const normalise = (text: string, draft: Draft): string =>
  text.replaceAll(draft.title, '<judul>').replaceAll(draft.slug, '<slug>');

/** A pushed message without what changes from event to event: both sides must push the same. */
export function normalisedPush(message: NotificationMessage, draft: Draft): NotificationMessage {
  return {
    ...message,
    id: '',
    createdAt: '',
    title: normalise(message.title, draft),
    body: normalise(message.body, draft),
    link: normalise(message.link, draft),
  };
}

/**
 * Reads every notification of the event and compares it with the recipients expected (one row
 * each, no one else) and with the pushes seen (each row pushed with its own id).
 */
export async function checkRows(
  pool: Pool,
  outboxEventId: number,
  draft: Draft,
  expectedUserIds: readonly number[],
  pushes: PushRecord,
): Promise<RowCheck> {
  const [events] = await pool.query('SELECT created_at, dispatched_at FROM outbox_event WHERE id = ?', [
    outboxEventId,
  ]);
  const event = (events as Array<{ created_at: Date; dispatched_at: Date | null }>)[0];
  if (!event) throw new Error(`outbox event ${outboxEventId} is gone`);
  const [result] = await pool.query(
    `SELECT id, user_id, type, actor_user_id, title, body, link, in_app, email_mode, email_sent_at, read_at, created_at
       FROM notification WHERE outbox_event_id = ? ORDER BY user_id, id`,
    [outboxEventId],
  );
  const rows = result as Row[];

  const expected = new Set(expectedUserIds);
  const seen = new Set<number>();
  const hash = createHash('sha256');
  let duplicates = 0;
  let unexpected = 0;
  let pushMismatches = 0;
  let firstRowAtMs = Number.POSITIVE_INFINITY;
  let lastRowAtMs = 0;
  for (const row of rows) {
    const userId = Number(row.user_id);
    if (seen.has(userId)) {
      duplicates++;
      continue;
    }
    seen.add(userId);
    if (!expected.has(userId)) unexpected++;
    const pushed = pushes.idsByUser.get(userId);
    if (pushed !== undefined && pushed !== String(row.id)) pushMismatches++;
    const at = row.created_at.getTime();
    firstRowAtMs = Math.min(firstRowAtMs, at);
    lastRowAtMs = Math.max(lastRowAtMs, at);
    hash.update(
      JSON.stringify([
        userId,
        row.type,
        row.actor_user_id,
        normalise(row.title, draft),
        normalise(row.body, draft),
        normalise(row.link, draft),
        Number(row.in_app),
        row.email_mode,
        row.email_sent_at,
        row.read_at,
      ]) + '\n',
    );
  }
  let missing = 0;
  for (const userId of expected) if (!seen.has(userId)) missing++;
  return {
    rows: rows.length,
    missing,
    unexpected,
    duplicates,
    pushMismatches,
    digest: hash.digest('hex').slice(0, 16),
    outboxCreatedAtMs: event.created_at.getTime(),
    dispatchedAtMs: event.dispatched_at ? event.dispatched_at.getTime() : null,
    firstRowAtMs: rows.length ? firstRowAtMs : Number.NaN,
    lastRowAtMs: rows.length ? lastRowAtMs : Number.NaN,
  };
}
