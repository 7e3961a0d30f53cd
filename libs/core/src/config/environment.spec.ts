import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateEnvironment } from './environment';

const valid = {
  DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/jipp',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'x'.repeat(32),
};

describe('validateEnvironment', () => {
  it('accepts a minimal valid environment and fills defaults', () => {
    const env = validateEnvironment({ ...valid, PORT: '4000' });
    expect(env.PORT).toBe(4000);
    expect(env.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
  });

  it('names every bad or missing variable in one line', () => {
    let message = '';
    try {
      validateEnvironment({ ...valid, DATABASE_URL: undefined, PORT: 'eighty', JWT_SECRET: 'short' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/DATABASE_URL is missing/);
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/JWT_SECRET must be at least 32 characters/);
  });
});

describe('docker-compose.yml', () => {
  it('is valid YAML with mysql, redis (AOF, noeviction), two apis, a worker and a load balancer', () => {
    const compose = parse(readFileSync(join(__dirname, '../../../../docker/docker-compose.yml'), 'utf8')) as {
      services: Record<string, { command?: string[] }>;
    };
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['mysql', 'redis', 'api-1', 'api-2', 'worker', 'lb']),
    );
    expect(compose.services['redis']!.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']),
    );
  });
});
