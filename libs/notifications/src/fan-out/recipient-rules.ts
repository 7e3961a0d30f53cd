import type { JsonObject, OutboxEventMessage } from '@jipp/core';
import { ForumEventType } from '@jipp/forum';
import { InnovationEvent } from '@jipp/innovations';
import { ReplicationAction, ReplicationEventType } from '@jipp/replications';
import { NotificationType } from '../notification-type';

/** A group of users, as the database answers it (active users only). */
export type AudienceSource =
  /** The agency's admins. */
  | { kind: 'agencyAdmins'; agencyId: number }
  /** Every user of the agency. */
  | { kind: 'agencyMembers'; agencyId: number }
  /** The coordinators of every hub the agency belongs to. */
  | { kind: 'hubCoordinatorsOfAgency'; agencyId: number }
  /** The coordinators of these hubs. */
  | { kind: 'hubCoordinators'; hubIds: number[] }
  /** The coordinators of the hubs that moderate the thread (when the event does not name them). */
  | { kind: 'threadModerators'; threadId: number }
  | { kind: 'innovationWatchers'; innovationId: number }
  | { kind: 'replicationWatchers'; replicationId: number }
  | { kind: 'threadWatchers'; threadId: number }
  | { kind: 'agencyWatchers'; agencyId: number }
  /** Users of the member agencies of hubs whose publish alerts cover an innovation of this agency. */
  | { kind: 'publishAlertMembers'; originAgencyId: number }
  /** These users, if they exist and are active. */
  | { kind: 'users'; userIds: number[] };

/** One type of notification and who gets it. */
export interface AudienceRule {
  type: NotificationType;
  sources: AudienceSource[];
}

export interface Recipient {
  userId: number;
  type: NotificationType;
}

const idOf = (payload: JsonObject, key: string): number | null => {
  const value = payload[key];
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

const idsOf = (payload: JsonObject, key: string): number[] => {
  const value = payload[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const n = idOf({ v }, 'v');
    return n === null ? [] : [n];
  });
};

/** Sources whose ids are all present; a source missing an id is left out rather than guessed. */
function rule(type: NotificationType, ...sources: Array<AudienceSource | null>): AudienceRule {
  return { type, sources: sources.filter((s): s is AudienceSource => s !== null) };
}

const when = <T>(id: number | null, make: (id: number) => T): T | null => (id === null ? null : make(id));

/**
 * Who hears about an event, as rules in priority order: a user in several rules gets the first
 * rule's type only (one notification per event and user). Events nobody is told about (invitations,
 * archives, new threads: their first post is its own event) give no rules.
 */
export function audienceRules(event: OutboxEventMessage): AudienceRule[] {
  const p = event.payload;
  switch (event.type) {
    case ReplicationEventType.REQUESTED:
      return [
        rule(
          NotificationType.REPLICATION_REQUESTED,
          when(idOf(p, 'originAgencyId'), (agencyId) => ({ kind: 'agencyAdmins', agencyId })),
          when(idOf(p, 'adopterAgencyId'), (agencyId) => ({ kind: 'hubCoordinatorsOfAgency', agencyId })),
        ),
      ];
    case ReplicationEventType.TRANSITIONED: {
      const adopter = idOf(p, 'adopterAgencyId');
      const changed = rule(
        NotificationType.REPLICATION_UPDATED,
        when(adopter, (agencyId) => ({ kind: 'agencyMembers', agencyId })),
        when(idOf(p, 'originAgencyId'), (agencyId) => ({ kind: 'agencyAdmins', agencyId })),
        when(idOf(p, 'innovationId'), (innovationId) => ({ kind: 'innovationWatchers', innovationId })),
        when(idOf(p, 'replicationId'), (replicationId) => ({ kind: 'replicationWatchers', replicationId })),
      );
      if (p['action'] !== ReplicationAction.STALL) return [changed];
      return [
        rule(
          NotificationType.REPLICATION_STALLED,
          when(adopter, (agencyId) => ({ kind: 'agencyAdmins', agencyId })),
          when(adopter, (agencyId) => ({ kind: 'hubCoordinatorsOfAgency', agencyId })),
        ),
        changed,
      ];
    }
    case ReplicationEventType.CHECKIN_DUE: {
      const adopter = idOf(p, 'adopterAgencyId');
      return [
        rule(
          NotificationType.CHECKIN_DUE,
          when(adopter, (agencyId) => ({ kind: 'agencyAdmins', agencyId })),
          when(adopter, (agencyId) => ({ kind: 'hubCoordinatorsOfAgency', agencyId })),
        ),
      ];
    }
    case InnovationEvent.PUBLISHED: {
      const origin = idOf(p, 'originAgencyId');
      return [
        rule(
          NotificationType.INNOVATION_PUBLISHED,
          when(origin, (agencyId) => ({ kind: 'agencyWatchers', agencyId })),
          when(origin, (originAgencyId) => ({ kind: 'publishAlertMembers', originAgencyId })),
        ),
      ];
    }
    case ForumEventType.POST_CREATED: {
      const replyTo = idOf(p, 'replyToAuthorUserId');
      return [
        rule(NotificationType.FORUM_MENTION, { kind: 'users', userIds: idsOf(p, 'mentionedUserIds') }),
        rule(
          NotificationType.FORUM_REPLY,
          when(replyTo, (userId) => ({ kind: 'users', userIds: [userId] })),
        ),
        rule(
          NotificationType.THREAD_POST,
          when(idOf(p, 'threadId'), (threadId) => ({ kind: 'threadWatchers', threadId })),
        ),
      ];
    }
    case ForumEventType.FLAG_RAISED:
      return [rule(NotificationType.POST_FLAGGED, moderatorsOf(p))];
    case ForumEventType.POST_AUTO_HIDDEN:
      return [rule(NotificationType.POST_AUTO_HIDDEN, moderatorsOf(p))];
    default:
      return [];
  }
}

/** The hubs the event names, else the hubs that moderate its thread. */
function moderatorsOf(payload: JsonObject): AudienceSource | null {
  if (Array.isArray(payload['hubIds'])) return { kind: 'hubCoordinators', hubIds: idsOf(payload, 'hubIds') };
  return when(idOf(payload, 'threadId'), (threadId) => ({ kind: 'threadModerators', threadId }));
}

/**
 * The recipients of resolved rules: each user once, with the type of the first rule that holds
 * them, never the actor (nobody is told about their own action); ordered by user id, so chunks of
 * the list are the same however often it is computed.
 */
export function assignRecipients(
  resolved: ReadonlyArray<{ type: NotificationType; userIds: readonly number[] }>,
  actorUserId: number | null,
): Recipient[] {
  const byUser = new Map<number, NotificationType>();
  for (const { type, userIds } of resolved) {
    for (const userId of userIds) {
      if (userId !== actorUserId && !byUser.has(userId)) byUser.set(userId, type);
    }
  }
  return [...byUser].map(([userId, type]) => ({ userId, type })).sort((a, b) => a.userId - b.userId);
}
