import type { AppConfig } from '@jipp/core';

/** A replication request or step, as the dashboard's live feed shows it. */
export interface ReplicationFeedItem {
  replicationId: number;
  innovationId: number;
  innovationTitle: string;
  adopterAgencyName: string;
  adopterProvinceCode: string;
  /** The step taken (ReplicationAction); null for a new request. */
  action: string | null;
  /** The state before; null for a new request. */
  from: string | null;
  to: string;
  at: string;
}

/** The socket.io room of the live feed, and the event its sockets receive. */
export const REPLICATION_FEED_ROOM = 'feed:replications';
export const REPLICATION_FEED_EVENT = 'replication:event';

/** The Redis pub/sub channel from the workers' projectors to every api node. */
export function replicationFeedChannel(config: AppConfig): string {
  return config.redisKey('analytics', 'feed');
}

/** A published message read back; null when it is not one. */
export function parseReplicationFeedItem(text: string): ReplicationFeedItem | null {
  try {
    const item = JSON.parse(text) as Partial<ReplicationFeedItem> | null;
    if (
      item &&
      Number.isSafeInteger(item.replicationId) &&
      Number.isSafeInteger(item.innovationId) &&
      typeof item.to === 'string' &&
      typeof item.at === 'string'
    ) {
      return item as ReplicationFeedItem;
    }
  } catch {
    // not JSON: ignored
  }
  return null;
}
