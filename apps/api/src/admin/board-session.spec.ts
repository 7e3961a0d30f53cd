import { BOARD_COOKIE, boardCookie, boardTokenOf, isSameOrigin } from './board-session';

describe('board session', () => {
  it('takes the token from a Bearer header before the cookie', () => {
    expect(boardTokenOf({ authorization: 'Bearer abc', cookie: `${BOARD_COOKIE}=def` })).toBe('abc');
    expect(boardTokenOf({ authorization: 'bearer  abc ' })).toBe('abc');
  });

  it('falls back to the board cookie among others', () => {
    expect(boardTokenOf({ cookie: `a=1; ${BOARD_COOKIE}=tok.en-x; b=2` })).toBe('tok.en-x');
    expect(boardTokenOf({ authorization: 'Basic zzz', cookie: `${BOARD_COOKIE}=t` })).toBe('t');
  });

  it('has no token without header or cookie, or with an empty cookie', () => {
    expect(boardTokenOf({})).toBeUndefined();
    expect(boardTokenOf({ cookie: `x${BOARD_COOKIE}=t; ${BOARD_COOKIE}=` })).toBeUndefined();
  });

  it('scopes the cookie to the board, HttpOnly and SameSite=Strict', () => {
    expect(boardCookie('t', 900.5, false)).toBe(
      `${BOARD_COOKIE}=t; Path=/admin/queues; Max-Age=900; HttpOnly; SameSite=Strict`,
    );
    expect(boardCookie('t', 900, true)).toMatch(/; Secure$/);
  });

  it('accepts a login POST from its own origin or without Origin', () => {
    expect(isSameOrigin(undefined, 'localhost:3000')).toBe(true);
    expect(isSameOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(isSameOrigin('https://evil.example', 'localhost:3000')).toBe(false);
    expect(isSameOrigin('null', 'localhost:3000')).toBe(false);
  });
});
