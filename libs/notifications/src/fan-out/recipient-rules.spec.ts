import type { JsonObject, OutboxEventMessage } from '@jipp/core';
import { NotificationType } from '../notification-type';
import { assignRecipients, audienceRules } from './recipient-rules';

const event = (type: string, payload: JsonObject, actorUserId: number | null = 1): OutboxEventMessage => ({
  id: 10,
  type,
  aggregateType: 'x',
  aggregateId: '1',
  actorUserId,
  payload,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const replication = { replicationId: 5, innovationId: 7, originAgencyId: 100, adopterAgencyId: 200 };

describe('audienceRules', () => {
  it('tells the origin admins and the adopter hub coordinators of a request', () => {
    expect(audienceRules(event('replication.requested', replication))).toEqual([
      {
        type: NotificationType.REPLICATION_REQUESTED,
        sources: [
          { kind: 'agencyAdmins', agencyId: 100 },
          { kind: 'hubCoordinatorsOfAgency', agencyId: 200 },
        ],
      },
    ]);
  });

  it('tells the adopter, the origin admins and both kinds of watchers of a step', () => {
    expect(
      audienceRules(event('replication.transitioned', { ...replication, action: 'APPROVE', to: 'APPROVED' })),
    ).toEqual([
      {
        type: NotificationType.REPLICATION_UPDATED,
        sources: [
          { kind: 'agencyMembers', agencyId: 200 },
          { kind: 'agencyAdmins', agencyId: 100 },
          { kind: 'innovationWatchers', innovationId: 7 },
          { kind: 'replicationWatchers', replicationId: 5 },
        ],
      },
    ]);
  });

  it('tells the adopter admins and hub coordinators of a stall first, the others as a step', () => {
    const rules = audienceRules(event('replication.transitioned', { ...replication, action: 'STALL' }, null));
    expect(rules.map((r) => r.type)).toEqual([
      NotificationType.REPLICATION_STALLED,
      NotificationType.REPLICATION_UPDATED,
    ]);
    expect(rules[0]!.sources).toEqual([
      { kind: 'agencyAdmins', agencyId: 200 },
      { kind: 'hubCoordinatorsOfAgency', agencyId: 200 },
    ]);
  });

  it('tells the adopter admins and hub coordinators of a check-in', () => {
    expect(audienceRules(event('replication.checkin_due', { ...replication, months: 6 }, null))).toEqual([
      {
        type: NotificationType.CHECKIN_DUE,
        sources: [
          { kind: 'agencyAdmins', agencyId: 200 },
          { kind: 'hubCoordinatorsOfAgency', agencyId: 200 },
        ],
      },
    ]);
  });

  it('tells the agency watchers and opted-in hubs of a publication', () => {
    expect(audienceRules(event('innovation.published', { innovationId: 7, originAgencyId: 100 }))).toEqual([
      {
        type: NotificationType.INNOVATION_PUBLISHED,
        sources: [
          { kind: 'agencyWatchers', agencyId: 100 },
          { kind: 'publishAlertMembers', originAgencyId: 100 },
        ],
      },
    ]);
  });

  it('tells the mentioned, then the replied-to author, then the thread watchers of a post', () => {
    const rules = audienceRules(
      event('forum.post_created', { threadId: 3, replyToAuthorUserId: 8, mentionedUserIds: [9, 10] }),
    );
    expect(rules).toEqual([
      { type: NotificationType.FORUM_MENTION, sources: [{ kind: 'users', userIds: [9, 10] }] },
      { type: NotificationType.FORUM_REPLY, sources: [{ kind: 'users', userIds: [8] }] },
      { type: NotificationType.THREAD_POST, sources: [{ kind: 'threadWatchers', threadId: 3 }] },
    ]);
    // no reply: no reply rule source
    const plain = audienceRules(event('forum.post_created', { threadId: 3, replyToAuthorUserId: null }));
    expect(plain[1]).toEqual({ type: NotificationType.FORUM_REPLY, sources: [] });
  });

  it("tells the hubs' coordinators of flags and auto-hides, from the event's hubs or else the thread", () => {
    expect(audienceRules(event('forum.flag_raised', { postId: 4, threadId: 3, hubIds: [1, 2] }))).toEqual([
      { type: NotificationType.POST_FLAGGED, sources: [{ kind: 'hubCoordinators', hubIds: [1, 2] }] },
    ]);
    expect(audienceRules(event('forum.post_auto_hidden', { postId: 4, threadId: 3 }, null))).toEqual([
      { type: NotificationType.POST_AUTO_HIDDEN, sources: [{ kind: 'threadModerators', threadId: 3 }] },
    ]);
  });

  it('tells nobody of events without a rule', () => {
    for (const type of ['user.invited', 'innovation.archived', 'forum.thread_created', 'unknown.type'])
      expect(audienceRules(event(type, { innovationId: 1 }))).toEqual([]);
  });
});

describe('assignRecipients', () => {
  it('gives each user the first rule that holds them, never the actor, ordered by user id', () => {
    expect(
      assignRecipients(
        [
          { type: NotificationType.FORUM_MENTION, userIds: [9, 1] },
          { type: NotificationType.FORUM_REPLY, userIds: [9] },
          { type: NotificationType.THREAD_POST, userIds: [12, 9, 3, 1, 3] },
        ],
        1,
      ),
    ).toEqual([
      { userId: 3, type: NotificationType.THREAD_POST },
      { userId: 9, type: NotificationType.FORUM_MENTION },
      { userId: 12, type: NotificationType.THREAD_POST },
    ]);
  });

  it('keeps everyone when the platform acted', () => {
    expect(assignRecipients([{ type: NotificationType.CHECKIN_DUE, userIds: [2, 1] }], null)).toHaveLength(2);
  });
});
