import { UserLocale } from '@jipp/auth';
import { NotificationType } from '../notification-type';
import { MAX_TITLE, renderNotification, type EventContext } from './notification-texts';

const replication: EventContext = {
  replicationId: 42,
  innovationTitle: 'Akta Lahir dari Puskesmas',
  innovationSlug: 'akta-lahir-dari-puskesmas',
  adopterName: 'Pemkab Banyuwangi',
  originName: 'Pemkot Surabaya',
};

describe('renderNotification', () => {
  it('speaks Bahasa Indonesia by default and English to EN users, with a link to the thing', () => {
    const ctx = { ...replication, from: 'APPROVED', to: 'OBSERVING' };
    expect(renderNotification(NotificationType.REPLICATION_UPDATED, ctx, UserLocale.ID)).toEqual({
      title: 'Replikasi diperbarui',
      body: 'Replikasi “Akta Lahir dari Puskesmas” oleh Pemkab Banyuwangi: Disetujui → Amati.',
      link: '/replications/42',
    });
    expect(renderNotification(NotificationType.REPLICATION_UPDATED, ctx, UserLocale.EN)).toEqual({
      title: 'Replication updated',
      body: "Pemkab Banyuwangi's replication of “Akta Lahir dari Puskesmas”: Approved → Observing.",
      link: '/replications/42',
    });
  });

  it('names requests, stalls by the platform, check-ins and publications', () => {
    expect(renderNotification(NotificationType.REPLICATION_REQUESTED, replication, UserLocale.ID).body).toBe(
      'Pemkab Banyuwangi ingin mereplikasi “Akta Lahir dari Puskesmas”.',
    );
    expect(renderNotification(NotificationType.REPLICATION_STALLED, replication, UserLocale.ID).body).toBe(
      'Replikasi “Akta Lahir dari Puskesmas” oleh Pemkab Banyuwangi terhenti karena lama tidak ada kegiatan.',
    );
    expect(
      renderNotification(NotificationType.CHECKIN_DUE, { ...replication, months: 6 }, UserLocale.EN),
    ).toMatchObject({
      title: '6-month check-in due',
    });
    expect(renderNotification(NotificationType.INNOVATION_PUBLISHED, replication, UserLocale.ID)).toEqual({
      title: 'Inovasi baru terbit',
      body: 'Pemkot Surabaya menerbitkan “Akta Lahir dari Puskesmas”.',
      link: '/innovations/akta-lahir-dari-puskesmas',
    });
  });

  it('links forum notifications to the post in its thread', () => {
    const ctx: EventContext = {
      threadId: 3,
      threadTitle: 'Berbagi pengalaman',
      postId: 9,
      actorName: 'Sari',
    };
    expect(renderNotification(NotificationType.FORUM_MENTION, ctx, UserLocale.ID)).toEqual({
      title: 'Anda disebut',
      body: 'Sari menyebut Anda di “Berbagi pengalaman”.',
      link: '/threads/3#post-9',
    });
    expect(renderNotification(NotificationType.FORUM_REPLY, ctx, UserLocale.EN).body).toBe(
      'Sari replied to your post in “Berbagi pengalaman”.',
    );
    expect(
      renderNotification(NotificationType.POST_FLAGGED, { ...ctx, reason: 'SPAM' }, UserLocale.ID).body,
    ).toBe('Sebuah tulisan di “Berbagi pengalaman” dilaporkan (spam).');
    expect(
      renderNotification(NotificationType.POST_AUTO_HIDDEN, { ...ctx, flagCount: 3 }, UserLocale.EN).body,
    ).toBe('A post in “Berbagi pengalaman” was hidden after 3 flags; please review it.');
  });

  it('has a text for every type in both languages, within the column sizes', () => {
    const long: EventContext = {
      ...replication,
      innovationTitle: 'x'.repeat(300),
      threadTitle: 'y'.repeat(300),
    };
    for (const type of Object.values(NotificationType)) {
      for (const locale of [UserLocale.ID, UserLocale.EN]) {
        const text = renderNotification(type, long, locale);
        expect(text.title.length).toBeGreaterThan(0);
        expect(text.title.length).toBeLessThanOrEqual(MAX_TITLE);
        expect(text.body.length).toBeLessThanOrEqual(1000);
        expect(text.link).toMatch(/^\//);
      }
    }
  });
});
