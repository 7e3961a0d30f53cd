import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ApiModule } from './api.module';
import { schemaFileText } from './graphql/schema-file';

/** Writes the schema the code generates to the given file (the committed `apps/api/schema.gql`). */
async function main(target: string): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, new FastifyAdapter(), {
    logger: ['error'],
  });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  writeFileSync(target, schemaFileText(schema));
  await app.close();
  console.log(`[schema] written to ${target}`);
}

main(process.argv[2] ?? 'apps/api/schema.gql').catch((error: unknown) => {
  console.error('[schema] failed:', error);
  process.exit(1);
});
