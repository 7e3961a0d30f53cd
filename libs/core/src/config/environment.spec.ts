import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildDataSourceOptions } from '../database/database-options';
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

  it('takes MySQL and MariaDB URLs, and nothing else, as the database', () => {
    expect(validateEnvironment({ ...valid, DATABASE_URL: 'mariadb://u:p@db:3306/jipp' }).DATABASE_URL).toBe(
      'mariadb://u:p@db:3306/jipp',
    );
    expect(() => validateEnvironment({ ...valid, DATABASE_URL: 'postgres://u:p@db/jipp' })).toThrow(
      /DATABASE_URL must look like mysql:\/\//,
    );
  });
});

describe('buildDataSourceOptions', () => {
  it('picks the TypeORM driver from the URL scheme', () => {
    const options = (url: string) => buildDataSourceOptions({ url, poolSize: 1, logQueries: false });
    expect(options('mariadb://u:p@db:3306/jipp').type).toBe('mariadb');
    expect(options('mysql://u:p@db:3306/jipp').type).toBe('mysql');
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
