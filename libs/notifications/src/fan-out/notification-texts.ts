import { UserLocale } from '@jipp/auth';
import { NotificationType } from '../notification-type';

/** What the texts of an event's notifications say, loaded once per event. */
export interface EventContext {
  replicationId?: number;
  innovationTitle?: string;
  innovationSlug?: string;
  adopterName?: string;
  originName?: string;
  /** The person who acted (a post's author); none when the platform acted. */
  actorName?: string;
  /** Replication steps: the states before and after. */
  from?: string | null;
  to?: string;
  /** Check-ins: months after implementation. */
  months?: number;
  threadId?: number;
  threadTitle?: string;
  postId?: number;
  /** Flags: the reason given (a ModerationReason); auto-hide: the reason it was hidden under. */
  reason?: string;
  flagCount?: number;
}

export interface NotificationText {
  title: string;
  body: string;
  /** A path of the web app (the e-mails prefix PUBLIC_URL). */
  link: string;
}

export const MAX_TITLE = 200;
export const MAX_BODY = 1000;

const STATUS: Record<UserLocale, Record<string, string>> = {
  [UserLocale.ID]: {
    REQUESTED: 'Diajukan',
    APPROVED: 'Disetujui',
    REJECTED: 'Ditolak',
    OBSERVING: 'Amati',
    IMITATING: 'Tiru',
    MODIFYING: 'Modifikasi',
    IMPLEMENTED: 'Diterapkan',
    SUSTAINED: 'Berkelanjutan',
    STALLED: 'Terhenti',
    WITHDRAWN: 'Ditarik',
  },
  [UserLocale.EN]: {
    REQUESTED: 'Requested',
    APPROVED: 'Approved',
    REJECTED: 'Rejected',
    OBSERVING: 'Observing',
    IMITATING: 'Imitating',
    MODIFYING: 'Modifying',
    IMPLEMENTED: 'Implemented',
    SUSTAINED: 'Sustained',
    STALLED: 'Stalled',
    WITHDRAWN: 'Withdrawn',
  },
};

const REASON: Record<UserLocale, Record<string, string>> = {
  [UserLocale.ID]: {
    SPAM: 'spam',
    ABUSE: 'kasar atau menyerang',
    OFF_TOPIC: 'di luar topik',
    PERSONAL_DATA: 'data pribadi',
    MISINFORMATION: 'informasi keliru',
    OTHER: 'lainnya',
  },
  [UserLocale.EN]: {
    SPAM: 'spam',
    ABUSE: 'abuse',
    OFF_TOPIC: 'off topic',
    PERSONAL_DATA: 'personal data',
    MISINFORMATION: 'misinformation',
    OTHER: 'other',
  },
};

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The title, body and link of a notification in the recipient's language: Bahasa Indonesia, or
 * English for users whose locale says so. Names the context lacks fall back to plain words.
 */
export function renderNotification(
  type: NotificationType,
  ctx: EventContext,
  locale: UserLocale,
): NotificationText {
  const id = locale !== UserLocale.EN;
  const q = (text: string | undefined, fallback: string) => `“${text ?? fallback}”`;
  const innovation = q(ctx.innovationTitle, id ? 'inovasi' : 'an innovation');
  const thread = q(ctx.threadTitle, id ? 'diskusi' : 'a discussion');
  const adopter = ctx.adopterName ?? (id ? 'Sebuah instansi' : 'An agency');
  const someone = ctx.actorName ?? (id ? 'Seseorang' : 'Someone');
  const status = (s: string | null | undefined) => (s ? (STATUS[locale][s] ?? s) : '');
  const replicationLink = `/replications/${ctx.replicationId ?? ''}`;
  const postLink = `/threads/${ctx.threadId ?? ''}${ctx.postId ? `#post-${ctx.postId}` : ''}`;
  const reason = ctx.reason ? (REASON[locale][ctx.reason] ?? ctx.reason.toLowerCase()) : null;

  let text: NotificationText;
  switch (type) {
    case NotificationType.REPLICATION_REQUESTED:
      text = id
        ? {
            title: 'Permintaan replikasi baru',
            body: `${adopter} ingin mereplikasi ${innovation}.`,
            link: replicationLink,
          }
        : {
            title: 'New replication request',
            body: `${adopter} asks to replicate ${innovation}.`,
            link: replicationLink,
          };
      break;
    case NotificationType.REPLICATION_UPDATED: {
      const step = ctx.from ? `${status(ctx.from)} → ${status(ctx.to)}` : status(ctx.to);
      text = id
        ? {
            title: 'Replikasi diperbarui',
            body: `Replikasi ${innovation} oleh ${adopter}: ${step}.`,
            link: replicationLink,
          }
        : {
            title: 'Replication updated',
            body: `${adopter}'s replication of ${innovation}: ${step}.`,
            link: replicationLink,
          };
      break;
    }
    case NotificationType.REPLICATION_STALLED:
      text = id
        ? {
            title: 'Replikasi terhenti',
            body: `Replikasi ${innovation} oleh ${adopter} terhenti${ctx.actorName ? '' : ' karena lama tidak ada kegiatan'}.`,
            link: replicationLink,
          }
        : {
            title: 'Replication stalled',
            body: `${adopter}'s replication of ${innovation} has stalled${ctx.actorName ? '' : ' after a long time without activity'}.`,
            link: replicationLink,
          };
      break;
    case NotificationType.CHECKIN_DUE: {
      const m = ctx.months;
      text = id
        ? {
            title: m ? `Saatnya check-in ${m} bulan` : 'Saatnya check-in',
            body: `Perbarui capaian replikasi ${innovation} oleh ${adopter}${m ? `, ${m} bulan setelah diterapkan` : ''}.`,
            link: replicationLink,
          }
        : {
            title: m ? `${m}-month check-in due` : 'Check-in due',
            body: `Update the outcomes of ${adopter}'s replication of ${innovation}${m ? `, ${m} months after implementation` : ''}.`,
            link: replicationLink,
          };
      break;
    }
    case NotificationType.INNOVATION_PUBLISHED: {
      const origin = ctx.originName ?? (id ? 'Sebuah instansi' : 'An agency');
      const link = ctx.innovationSlug ? `/innovations/${ctx.innovationSlug}` : '/innovations';
      text = id
        ? { title: 'Inovasi baru terbit', body: `${origin} menerbitkan ${innovation}.`, link }
        : { title: 'New innovation published', body: `${origin} published ${innovation}.`, link };
      break;
    }
    case NotificationType.FORUM_REPLY:
      text = id
        ? { title: 'Balasan baru', body: `${someone} membalas tulisan Anda di ${thread}.`, link: postLink }
        : { title: 'New reply', body: `${someone} replied to your post in ${thread}.`, link: postLink };
      break;
    case NotificationType.FORUM_MENTION:
      text = id
        ? { title: 'Anda disebut', body: `${someone} menyebut Anda di ${thread}.`, link: postLink }
        : { title: 'You were mentioned', body: `${someone} mentioned you in ${thread}.`, link: postLink };
      break;
    case NotificationType.THREAD_POST:
      text = id
        ? {
            title: 'Tulisan baru di diskusi yang Anda ikuti',
            body: `${someone} menulis di ${thread}.`,
            link: postLink,
          }
        : {
            title: 'New post in a thread you watch',
            body: `${someone} posted in ${thread}.`,
            link: postLink,
          };
      break;
    case NotificationType.POST_FLAGGED:
      text = id
        ? {
            title: 'Tulisan dilaporkan',
            body: `Sebuah tulisan di ${thread} dilaporkan${reason ? ` (${reason})` : ''}.`,
            link: postLink,
          }
        : {
            title: 'Post flagged',
            body: `A post in ${thread} was flagged${reason ? ` (${reason})` : ''}.`,
            link: postLink,
          };
      break;
    case NotificationType.POST_AUTO_HIDDEN:
      text = id
        ? {
            title: 'Tulisan disembunyikan otomatis',
            body: `Sebuah tulisan di ${thread} disembunyikan setelah ${ctx.flagCount ?? 'beberapa'} laporan; mohon ditinjau.`,
            link: postLink,
          }
        : {
            title: 'Post hidden automatically',
            body: `A post in ${thread} was hidden after ${ctx.flagCount ?? 'several'} flags; please review it.`,
            link: postLink,
          };
      break;
  }
  return { title: cut(text.title, MAX_TITLE), body: cut(text.body, MAX_BODY), link: text.link };
}
