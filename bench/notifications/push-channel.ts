import Redis from 'ioredis';
import { epochMs, type NotificationMessage } from './protocol';

/** The pushes of one event seen on the channel. */
export interface PushRecord {
  link: string;
  expected: number;
  /** Notification id pushed to each user (the first push when there were several). */
  idsByUser: Map<number, string>;
  /** Pushes to a user who already had one for this event. */
  duplicates: number;
  /** Published messages that carried this event's pushes (one per delivery job, or one per user). */
  messages: number;
  firstAtMs: number | null;
  /** When the last expected user's push was seen; null until then. */
  completeAtMs: number | null;
  /** The users whose sockets the load process holds: when the last of them was pushed to. */
  watched: ReadonlySet<number>;
  watchedPushed: number;
  watchedCompleteAtMs: number | null;
  sample?: NotificationMessage;
}

interface Push {
  userId: number;
  notification: NotificationMessage;
}

/**
 * Listens on the channel the workers publish new notifications on (`<REDIS_PREFIX>:notifications:new`,
 * a JSON array of `{ userId, notification }` per message) and counts, per event (told apart by the
 * notification's link), which users were pushed to and when. Runs in the benchmark's process, never
 * in the load process, so ten thousand pushes do not delay the sockets' receipts.
 */
export class PushChannel {
  private readonly records = new Map<string, PushRecord>();
  private readonly waiters = new Map<string, () => void>();
  /** Pushes of no tracked event (there should be none). */
  strays = 0;
  /** Messages that were not a JSON array of pushes. */
  unreadable = 0;

  private constructor(private readonly subscriber: Redis) {}

  static async open(redisUrl: string, channel: string): Promise<PushChannel> {
    const subscriber = new Redis(redisUrl, {
      connectionName: 'jipp-bench-notification-pushes',
      maxRetriesPerRequest: 2,
    });
    const watcher = new PushChannel(subscriber);
    subscriber.on('message', (from: string, text: string) => {
      if (from === channel) watcher.take(text);
    });
    await subscriber.subscribe(channel);
    return watcher;
  }

  /** Starts counting the pushes of an event before it happens. */
  track(link: string, expected: number, watched: ReadonlySet<number>): PushRecord {
    const record: PushRecord = {
      link,
      expected,
      watched,
      watchedPushed: 0,
      watchedCompleteAtMs: null,
      idsByUser: new Map(),
      duplicates: 0,
      messages: 0,
      firstAtMs: null,
      completeAtMs: null,
    };
    this.records.set(link, record);
    return record;
  }

  /** Resolves when every expected user was pushed to, or at the deadline (epoch ms). */
  async complete(record: PushRecord, deadlineMs: number): Promise<void> {
    if (record.completeAtMs !== null) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.set(record.link, resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadlineMs - epochMs())))),
    ]);
    clearTimeout(timer);
    this.waiters.delete(record.link);
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private take(text: string): void {
    const now = epochMs();
    let pushes: Push[];
    try {
      pushes = JSON.parse(text) as Push[];
      if (!Array.isArray(pushes)) throw new Error('not an array');
    } catch {
      this.unreadable++;
      return;
    }
    const touched = new Set<PushRecord>();
    for (const push of pushes) {
      const record = this.records.get(push?.notification?.link);
      if (!record) {
        this.strays++;
        continue;
      }
      touched.add(record);
      record.firstAtMs ??= now;
      record.sample ??= push.notification;
      if (record.idsByUser.has(push.userId)) {
        record.duplicates++;
        continue;
      }
      record.idsByUser.set(push.userId, push.notification.id);
      if (record.watched.has(push.userId) && ++record.watchedPushed === record.watched.size) {
        record.watchedCompleteAtMs = now;
      }
    }
    for (const record of touched) {
      record.messages++;
      if (record.completeAtMs === null && record.idsByUser.size >= record.expected) {
        record.completeAtMs = now;
        this.waiters.get(record.link)?.();
      }
    }
  }
}
