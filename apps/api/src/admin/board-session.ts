/** Where the queue board lives, and the cookie that carries an admin's access token to it. */
export const QUEUE_BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'jipp_queue_board';

/**
 * The access token a board request carries: an `Authorization: Bearer …` header wins, else the
 * board cookie (browsers cannot send headers when navigating). Undefined when there is neither.
 */
export function boardTokenOf(headers: { authorization?: string; cookie?: string }): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization?.trim() ?? '');
  if (bearer) return bearer[1];
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === BOARD_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/**
 * The Set-Cookie value holding the token for the board's path only: HttpOnly (no script reads
 * it), SameSite=Strict (no other site can make the browser send it, so no CSRF on the board's
 * retry/clean actions), Secure over https, and no longer-lived than the access token itself.
 */
export function boardCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${BOARD_COOKIE}=${token}`,
    `Path=${QUEUE_BOARD_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * A form POST to the login comes from the board's own page: a browser sends `Origin`, and it
 * must name this host (a missing header — curl, scripts — is accepted).
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
