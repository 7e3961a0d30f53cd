import { createHmac } from 'node:crypto';

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An HS256 JSON Web Token with these claims, `iat` now and `exp` after `ttlSeconds`: what a server
 * that shares the secret accepts as its own access token, so a benchmark needs no login per user.
 */
export function signHs256(claims: Record<string, unknown>, secret: string, ttlSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ ...claims, iat: now, exp: now + ttlSeconds })}`;
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
