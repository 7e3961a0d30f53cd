import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AppError, Role, type AppConfig } from '@jipp/core';
import type { Redis } from 'ioredis';
import { AccessRevocations } from './access-revocations';
import { TokenService } from './token.service';

const SIGNED_AT = new Date('2026-11-23T03:00:00Z');

describe('TokenService.verifyAccessToken', () => {
  const jwt = new JwtService({
    secret: createSecretKey(Buffer.from('a-secret-of-at-least-32-characters!!', 'utf8')),
    signOptions: { algorithm: 'HS256' },
  });
  const claims = { sub: '42', agency: 7, role: Role.MEMBER };
  let tokens: TokenService;
  let revocations: AccessRevocations;
  let verifications: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: SIGNED_AT, doNotFake: ['nextTick', 'setImmediate'] });
    // revocations arrive here as channel messages (receive), so no Redis command is sent
    const config = { get: () => 900, redisKey: (...parts: string[]) => parts.join(':') };
    revocations = new AccessRevocations({} as Redis, config as unknown as AppConfig);
    // only issue() reads the configuration
    tokens = new TokenService(jwt, {} as AppConfig, revocations);
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

  describe('a revoked user (deactivated)', () => {
    const revokeAt = (ms: number, userId = 42): void =>
      revocations.receive(JSON.stringify({ userId, at: ms }));

    it('refuses their tokens issued before the revocation, remembered or not, and no one else', async () => {
      const remembered = sign(900);
      await tokens.verifyAccessToken(remembered);
      jest.setSystemTime(SIGNED_AT.getTime() + 5_000);
      const unseen = sign(900);
      const someoneElse = jwt.sign({ ...claims, sub: '43' }, { expiresIn: 900 });

      jest.setSystemTime(SIGNED_AT.getTime() + 10_000);
      revokeAt(Date.now());
      await expect(tokens.verifyAccessToken(remembered)).rejects.toThrow(/revoked/);
      await expect(tokens.verifyAccessToken(unseen)).rejects.toThrow(/revoked/);
      await expect(tokens.verifyAccessHeader(`Bearer ${remembered}`, false)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // on a public operation the caller is anonymous
      await expect(tokens.verifyAccessHeader(`Bearer ${remembered}`, true)).resolves.toBeUndefined();
      await expect(tokens.verifyAccessToken(someoneElse)).resolves.toMatchObject({ id: 43 });
    });

    it("refuses a token of the revocation's own second, accepts one issued a second later", async () => {
      jest.setSystemTime(SIGNED_AT.getTime() + 900);
      const sameSecond = sign(900);
      revokeAt(SIGNED_AT.getTime() + 100); // iat counts seconds: this token may predate it
      await expect(tokens.verifyAccessToken(sameSecond)).rejects.toThrow(/revoked/);

      jest.setSystemTime(SIGNED_AT.getTime() + 1_000);
      await expect(tokens.verifyAccessToken(sign(900))).resolves.toMatchObject({ id: 42 });
    });

    it('keeps the later of two revocations, and ignores what is not one', async () => {
      jest.setSystemTime(SIGNED_AT.getTime() + 20_000);
      const token = sign(900);
      revokeAt(SIGNED_AT.getTime() + 30_000);
      revokeAt(SIGNED_AT.getTime() + 1_000); // older, arriving late: changes nothing
      for (const junk of ['', 'not json', 'null', '{"userId":"42","at":1}', '{"userId":42}'])
        revocations.receive(junk);
      await expect(tokens.verifyAccessToken(token)).rejects.toThrow(/revoked/);
    });

    it('lasts one access token lifetime, the longest any of our tokens lives', async () => {
      const token = jwt.sign(claims); // no expiry (not ours): only the revocation's age bounds it
      revokeAt(SIGNED_AT.getTime());
      await expect(tokens.verifyAccessToken(token)).rejects.toThrow(/revoked/);
      jest.setSystemTime(SIGNED_AT.getTime() + 900_001);
      await expect(tokens.verifyAccessToken(token)).resolves.toMatchObject({ id: 42 });
    });

    it('tells its listeners once per revocation', () => {
      const heard: number[] = [];
      revocations.onRevoked((userId) => heard.push(userId));
      revokeAt(SIGNED_AT.getTime(), 7);
      revokeAt(SIGNED_AT.getTime(), 7); // the same again, e.g. this node's own message echoed
      revokeAt(SIGNED_AT.getTime() + 1, 7);
      revokeAt(SIGNED_AT.getTime(), 8);
      expect(heard).toEqual([7, 7, 8]);
    });
  });
});
