import { UserLocale } from '@jipp/auth';

/** What an e-mail says: a subject, a plain text and an HTML body. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** A notification as the e-mails show it. */
export interface EmailItem {
  title: string;
  body: string;
  /** A path of the web app (`/replications/42`); the e-mails prefix PUBLIC_URL. */
  link: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** The absolute URL of a path of the web app. */
export const absoluteLink = (publicUrl: string, link: string): string =>
  `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? link : `/${link}`}`;

/** Subject, one line, whatever the title holds. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();

const FOOTER: Record<UserLocale, string> = {
  [UserLocale.ID]: 'Anda menerima e-mail ini karena pengaturan notifikasi Anda di JIPP.',
  [UserLocale.EN]: 'You receive this e-mail because of your notification settings on JIPP.',
};

const OPEN: Record<UserLocale, string> = {
  [UserLocale.ID]: 'Buka',
  [UserLocale.EN]: 'Open',
};

/** The e-mail of one notification sent at once: its title as the subject, its body and link. */
export function instantEmail(item: EmailItem, locale: UserLocale, publicUrl: string): EmailContent {
  const url = absoluteLink(publicUrl, item.link);
  const subject = `[JIPP] ${oneLine(item.title)}`;
  const text = `${item.title}\n\n${item.body}\n\n${OPEN[locale]}: ${url}\n\n--\n${FOOTER[locale]}\n`;
  const html =
    `<p><strong>${escapeHtml(item.title)}</strong></p>\n` +
    `<p>${escapeHtml(item.body)}</p>\n` +
    `<p><a href="${escapeHtml(url)}">${escapeHtml(OPEN[locale])}</a></p>\n` +
    `<hr>\n<p><small>${escapeHtml(FOOTER[locale])}</small></p>\n`;
  return { subject, text, html };
}

/** The daily digest of one user: every notification they were not yet e-mailed, oldest first. */
export function digestEmail(
  items: readonly EmailItem[],
  locale: UserLocale,
  publicUrl: string,
): EmailContent {
  const id = locale !== UserLocale.EN;
  const n = items.length;
  const subject = id
    ? `[JIPP] Ringkasan harian: ${n} notifikasi`
    : `[JIPP] Daily digest: ${n} notification${n === 1 ? '' : 's'}`;
  const intro = id ? 'Yang terjadi sejak ringkasan terakhir Anda:' : 'What happened since your last digest:';
  const lines = items.map((item) => `- ${item.title}: ${item.body}\n  ${absoluteLink(publicUrl, item.link)}`);
  const text = `${intro}\n\n${lines.join('\n\n')}\n\n--\n${FOOTER[locale]}\n`;
  const entries = items.map((item) => {
    const url = absoluteLink(publicUrl, item.link);
    return `<li><a href="${escapeHtml(url)}"><strong>${escapeHtml(item.title)}</strong></a><br>${escapeHtml(item.body)}</li>`;
  });
  const html =
    `<p>${escapeHtml(intro)}</p>\n<ul>\n${entries.join('\n')}\n</ul>\n` +
    `<hr>\n<p><small>${escapeHtml(FOOTER[locale])}</small></p>\n`;
  return { subject, text, html };
}

/** The Asia/Jakarta day (UTC+7, no daylight saving) of an instant, `YYYY-MM-DD`. */
export const jakartaDay = (at: Date): string =>
  new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
