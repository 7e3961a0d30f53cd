import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AppError, Role, type AppConfig } from '@jipp/core';
import { TokenService } from './token.service';

const SIGNED_AT = new Date('2026-11-23T03:00:00Z');

describe('TokenService.verifyAccessToken', () => {
  const jwt = new JwtService({
    secret: createSecretKey(Buffer.from('a-secret-of-at-least-32-characters!!', 'utf8')),
    signOptions: { algorithm: 'HS256' },
  });
  const claims = { sub: '42', agency: 7, role: Role.MEMBER };
  let tokens: TokenService;
  let verifications: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: SIGNED_AT, doNotFake: ['nextTick', 'setImmediate'] });
    // only issue() reads the configuration
    tokens = new TokenService(jwt, {} as AppConfig);
    verifications = jest.spyOn(jwt, 'verifyAsync');
  });

  afterEach(() => {
    verifications.mockRestore();
    jest.useRealTimers();
  });

  const sign = (expiresIn: number, extra: Record<string, unknown> = {}): string =>
    jwt.sign({ ...claims, ...extra }, { expiresIn });

  it('checks a token once, then answers it from memory with a fresh object each time', async () => {
    const token = sign(900);
    const first = await tokens.verifyAccessToken(token);
    expect(first).toEqual({ id: 42, agencyId: 7, role: Role.MEMBER });
    first.role = Role.ADMIN; // a caller changing its copy changes nothing for the next request

    const again = await tokens.verifyAccessToken(token);
    expect(again).toEqual({ id: 42, agencyId: 7, role: Role.MEMBER });
    expect(again).not.toBe(first);
    expect(verifications).toHaveBeenCalledTimes(1);
  });

  it('checks a remembered token again just before it expires, and refuses it once expired', async () => {
    const token = sign(60);
    await tokens.verifyAccessToken(token);

    jest.setSystemTime(SIGNED_AT.getTime() + 58_000);
    await tokens.verifyAccessToken(token);
    expect(verifications).toHaveBeenCalledTimes(1);

    jest.setSystemTime(SIGNED_AT.getTime() + 59_500); // within the last second: checked again, still valid
    await expect(tokens.verifyAccessToken(token)).resolves.toMatchObject({ id: 42 });
    expect(verifications).toHaveBeenCalledTimes(2);

    jest.setSystemTime(SIGNED_AT.getTime() + 60_000);
    await expect(tokens.verifyAccessToken(token)).rejects.toThrow(/expired/);
    await expect(tokens.verifyAccessHeader(`Bearer ${token}`, false)).rejects.toBeInstanceOf(AppError);
    expect(verifications).toHaveBeenCalledTimes(4);
  });

  it('never remembers a token that failed', async () => {
    const token = sign(900);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: Role.ADMIN, exp: 9e9 })).toString('base64url')}.${signature}`;
    expect(payload).not.toBe(forged.split('.')[1]);
    for (let i = 0; i < 2; i++) await expect(tokens.verifyAccessToken(forged)).rejects.toThrow(/signature/);

    const badClaims = sign(900, { role: 'SUPERUSER' });
    for (let i = 0; i < 2; i++)
      await expect(tokens.verifyAccessToken(badClaims)).rejects.toThrow(/bad claims/);
    expect(verifications).toHaveBeenCalledTimes(4);
    await expect(tokens.verifyAccessHeader('Bearer not-a-token', true)).resolves.toBeUndefined();
  });

  it('verifies a token without an expiry every time', async () => {
    const token = jwt.sign(claims);
    await tokens.verifyAccessToken(token);
    await tokens.verifyAccessToken(token);
    expect(verifications).toHaveBeenCalledTimes(2);
  });
});
