import { UserLocale } from '@jipp/auth';
import { absoluteLink, digestEmail, escapeHtml, instantEmail, jakartaDay } from './email-texts';

const item = { title: 'Anda disebut', body: 'Budi <b>& "Co" menyebut Anda.', link: '/threads/7#post-9' };

describe('email texts', () => {
  it('escapes everything HTML could read', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('joins PUBLIC_URL and a path with one slash', () => {
    expect(absoluteLink('https://jipp.go.id/', '/a')).toBe('https://jipp.go.id/a');
    expect(absoluteLink('https://jipp.go.id', 'a')).toBe('https://jipp.go.id/a');
  });

  it('writes an instant e-mail in the reader’s language, the HTML escaped', () => {
    const id = instantEmail(item, UserLocale.ID, 'https://jipp.go.id');
    expect(id.subject).toBe('[JIPP] Anda disebut');
    expect(id.text).toContain('Budi <b>& "Co" menyebut Anda.');
    expect(id.text).toContain('Buka: https://jipp.go.id/threads/7#post-9');
    expect(id.html).toContain('Budi &lt;b&gt;&amp; &quot;Co&quot; menyebut Anda.');
    expect(id.html).toContain('<a href="https://jipp.go.id/threads/7#post-9">Buka</a>');
    expect(instantEmail(item, UserLocale.EN, 'https://jipp.go.id').text).toContain('Open: ');
    expect(instantEmail({ ...item, title: 'a\r\nBcc: x' }, UserLocale.ID, 'https://x').subject).toBe(
      '[JIPP] a Bcc: x',
    );
  });

  it('lists every notification in the digest, counted in the subject', () => {
    const two = digestEmail(
      [item, { ...item, link: '/replications/3' }],
      UserLocale.ID,
      'https://jipp.go.id',
    );
    expect(two.subject).toBe('[JIPP] Ringkasan harian: 2 notifikasi');
    expect(two.text).toContain('https://jipp.go.id/replications/3');
    expect(two.html.match(/<li>/g)).toHaveLength(2);
    expect(digestEmail([item], UserLocale.EN, 'https://x').subject).toBe(
      '[JIPP] Daily digest: 1 notification',
    );
  });

  it('counts days in Asia/Jakarta (UTC+7)', () => {
    expect(jakartaDay(new Date('2026-01-01T16:59:59Z'))).toBe('2026-01-01');
    expect(jakartaDay(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
  });
});
