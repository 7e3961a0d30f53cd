import MarkdownIt from 'markdown-it';
import { randomBytes } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';

/** `@[Nama Pengguna](user:42)`: what a client's mention picker writes into the Markdown. */
const MENTION = /@\[([^\]\n]{1,120})\]\(user:(\d{1,10})\)/g;
// a fresh nonce per render: a body cannot spell out a token and forge a mention
const tokenOf = (nonce: string, userId: number): string => `jippmention${nonce}u${userId}x`;

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // headings of a post stay below the page's own
    h1: 'h3',
    h2: 'h3',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow noopener', target: '_blank' },
    }),
  },
  // allowedAttributes above would drop what transformTags adds; these are re-allowed for links only
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript'],
};
SANITIZE.allowedAttributes = { a: ['href', 'rel', 'target'] };

/** The user ids a body mentions, in order of first appearance. */
export function mentionedUserIds(body: string): number[] {
  return [...new Set([...body.matchAll(MENTION)].map((m) => Number(m[2])))];
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * Markdown to safe HTML: raw HTML is escaped by the renderer, then the sanitiser keeps only plain
 * formatting (no script, no event handlers, no style, only http(s)/mailto links, each with
 * rel="nofollow noopener"). Mentions of `names` (user id -> current name) become
 * `<span class="mention" data-user-id="42">@Name</span>`; others stay plain text.
 */
export function renderPostBody(body: string, names: ReadonlyMap<number, string>): string {
  const nonce = randomBytes(8).toString('hex');
  const token = (userId: number): string => tokenOf(nonce, userId);
  const withTokens = body.replace(MENTION, (_all, written: string, id: string) =>
    names.has(Number(id)) ? token(Number(id)) : `@${written}`,
  );
  const html = sanitizeHtml(markdown.render(withTokens), SANITIZE).trim();
  return html.replace(new RegExp(`jippmention${nonce}u(\\d{1,10})x`, 'g'), (_all, id: string) => {
    const name = names.get(Number(id));
    return name === undefined
      ? ''
      : `<span class="mention" data-user-id="${Number(id)}">@${escapeHtml(name)}</span>`;
  });
}

/**
 * {@link renderPostBody} on the event loop's next turn, for a body that mentions no one (undefined
 * for one that does: it renders once the mentioned readers are known). Called before a transaction
 * starts, it runs once the transaction's first statement has left for the database (the driver
 * writes it in the same turn), so the rendering takes the time the post spends waiting for that
 * answer instead of adding to it.
 */
export function renderSoon(body: string): Promise<string> | undefined {
  if (mentionedUserIds(body).length > 0) return undefined;
  const rendering = new Promise<string>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(renderPostBody(body, new Map()));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
  // a transaction that fails before it needs the HTML leaves the promise unread: not an unhandled rejection
  rendering.catch(() => undefined);
  return rendering;
}
