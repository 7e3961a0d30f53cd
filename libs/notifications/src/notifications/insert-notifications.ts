import type { DataSource } from 'typeorm';
import type { NotificationMode, NotificationType } from '../notification-type';

/** One notification the fan-out decided on: a recipient, its texts and channels. */
export interface NewNotification {
  userId: number;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  inApp: boolean;
  emailMode: NotificationMode;
}

/** A notification row a statement wrote: what a push needs besides the texts. */
export interface WrittenNotification {
  id: string;
  userId: number;
  createdAt: Date;
}

/** The columns written, in the order of {@link valuesOf}; the others keep their defaults. */
const COLUMNS = 'outbox_event_id, user_id, type, actor_user_id, title, body, link, in_app, email_mode';

function valuesOf(
  eventId: number,
  actorUserId: number | null,
  row: NewNotification,
): Array<string | number | null> {
  return [
    eventId,
    row.userId,
    row.type,
    actorUserId,
    row.title,
    row.body,
    row.link,
    row.inApp ? 1 : 0,
    row.emailMode,
  ];
}

/**
 * Writes an event's notifications in one multi-row `INSERT IGNORE`: a row whose (event, user) key
 * exists already (a retried or duplicated job) is skipped. Returns the rows written.
 *
 * On MariaDB (`returning`) the statement itself answers with the rows it wrote (`INSERT … RETURNING`:
 * skipped rows are not returned), so a push never goes to a row another run wrote, and no second
 * statement reads them back. MySQL has no RETURNING: when the insert wrote anything, the event's rows
 * of these users are read back, which includes any that existed before (the fan-out leaves out the
 * users it found already told, so only a duplicate of the job running at the same moment can add one).
 */
export async function insertNotifications(
  dataSource: DataSource,
  event: { id: number; actorUserId: number | null },
  rows: readonly NewNotification[],
  returning: boolean,
): Promise<WrittenNotification[]> {
  if (rows.length === 0) return [];
  const values = rows.map((row) => valuesOf(event.id, event.actorUserId, row));
  type Written = { id: number | string; user_id: number; created_at: Date };
  let written: Written[];
  if (returning) {
    written = await dataSource.query<Written[]>(
      `INSERT IGNORE INTO notification (${COLUMNS}) VALUES ? RETURNING id, user_id, created_at`,
      [values],
    );
  } else {
    const result = await dataSource.query<{ affectedRows: number }>(
      `INSERT IGNORE INTO notification (${COLUMNS}) VALUES ?`,
      [values],
    );
    written =
      result.affectedRows === 0
        ? []
        : await dataSource.query<Written[]>(
            'SELECT id, user_id, created_at FROM notification WHERE outbox_event_id = ? AND user_id IN (?)',
            [event.id, rows.map((r) => r.userId)],
          );
  }
  return written.map((w) => ({ id: String(w.id), userId: Number(w.user_id), createdAt: w.created_at }));
}
