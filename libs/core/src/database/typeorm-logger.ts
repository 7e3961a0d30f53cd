import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerContract } from 'typeorm';

const MAX_SQL = 500;
const clip = (sql: string): string => (sql.length > MAX_SQL ? `${sql.slice(0, MAX_SQL)}…` : sql);

/**
 * TypeORM's messages through the application's logger (pino in the apps), with the request id, as
 * JSON in production. Failed statements are logged at debug level: most are expected (a duplicate
 * key answered as CONFLICT) and an unexpected one reaches the error log through the GraphQL error
 * handler anyway. Parameters are never logged: they hold personal data.
 */
export class TypeOrmLogger implements TypeOrmLoggerContract {
  private readonly logger = new Logger('TypeORM');

  constructor(
    private readonly logQueries: boolean,
    private readonly slowQueryMs: number,
  ) {}

  logQuery(query: string): void {
    if (this.logQueries) this.logger.debug(clip(query));
  }

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.debug(`query failed (${message}): ${clip(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms, over ${this.slowQueryMs} ms): ${clip(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
