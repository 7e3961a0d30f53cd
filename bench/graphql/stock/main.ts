/**
 * The stock baseline of the graphql benchmark: a plain NestJS + Apollo + TypeORM app written the
 * way the Nest documentation shows (code-first object types on the entities, resolvers calling
 * services, repository `find` with `relations`, one `@ResolveField` per further relation, no
 * DataLoader), serving the same three requests from the same database. On Fastify, as the api:
 * `@nestjs/platform-express` is not installed here.
 *
 *   PORT=3002 HOST=127.0.0.1 DATABASE_URL=mariadb://... DATABASE_POOL_SIZE=20 JWT_SECRET=... \
 *     node dist/bench/graphql/stock/main.js
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(Number(process.env['PORT'] ?? 3002), process.env['HOST'] ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  console.error('[stock] failed:', error);
  process.exit(1);
});
