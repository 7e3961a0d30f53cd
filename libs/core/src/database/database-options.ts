import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmLogger } from './typeorm-logger';

/** Statements slower than this are logged as warnings. */
export const SLOW_QUERY_MS = 500;

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  logQueries: boolean;
  /** Every entity class of the platform (the CLI data source), or empty when Nest auto-loads them. */
  entities?: DataSourceOptions['entities'];
}

/** The compiled migrations, in one run order for every lib. */
export const MIGRATIONS_GLOB = `${__dirname}/migrations/*.{js,ts}`;

/**
 * The server flavour comes from the URL's scheme: TypeORM reads MariaDB's catalogue (JSON as
 * longtext, `NULL` defaults) differently from MySQL's, and only knows which one it talks to from
 * its `type`.
 */
export function databaseFlavour(url: string): 'mysql' | 'mariadb' {
  return url.startsWith('mariadb://') ? 'mariadb' : 'mysql';
}

/**
 * `?socketPath=/run/mysqld/mysqld.sock` on a database URL: talk to a server on the same machine
 * through its Unix socket rather than TCP on loopback, which costs about half the CPU and time per
 * statement. mysql2 reads the same parameter from a URL, so every client of the URL agrees.
 */
export function databaseSocketPath(url: string): string | undefined {
  return new URL(url).searchParams.get('socketPath') ?? undefined;
}

/** The one place that says how the platform talks to MySQL/MariaDB. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const socketPath = databaseSocketPath(settings.url);
  return {
    type: databaseFlavour(settings.url),
    url: settings.url,
    ...(socketPath ? { socketPath } : {}),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    synchronize: false,
    migrationsRun: false,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    entities: settings.entities ?? [],
    namingStrategy: new SnakeNamingStrategy(),
    logging: settings.logQueries ? 'all' : ['error', 'warn', 'migration'],
    logger: new TypeOrmLogger(settings.logQueries, SLOW_QUERY_MS),
    maxQueryExecutionTime: SLOW_QUERY_MS,
    extra: {
      connectionLimit: settings.poolSize,
      // keep idle connections healthy behind load balancers and proxies
      enableKeepAlive: true,
      keepAliveInitialDelay: 10_000,
      // mysql2 captures a stack trace per statement to attach to its errors; TypeORM wraps them in
      // errors of its own, and the capture was 5% of the api's CPU on a one-innovation read
      trace: false,
    },
  };
}
