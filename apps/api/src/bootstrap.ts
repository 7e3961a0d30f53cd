import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { AppConfig, loadEnvironment } from '@jipp/core';
import { Logger } from 'nestjs-pino';
import { registerQueueBoard } from './admin/queue-board';
import { closeConnectionsOnShutdown } from './common/close-connections-on-shutdown';
import { serveDashboard } from './dashboard/serve-dashboard';
import { ApiModule } from './api.module';
import { RedisStreamsIoAdapter } from './forum/redis-streams-io.adapter';
import { MAX_UPLOAD_BYTES, registerGraphqlUploads } from './graphql/graphql-upload';
import { registerPayloadTooLargeAnswer } from './graphql/payload-too-large';
import { MetricsService } from './metrics/metrics.service';

export interface ApiOptions {
  /** Overrides the configured port (0 picks a free one, for tests). */
  port?: number;
  bufferLogs?: boolean;
}

/** Builds and starts the api: Fastify, pino logging, metrics hooks, graceful shutdown. */
export async function startApi(options: ApiOptions = {}): Promise<NestFastifyApplication> {
  const environment = loadEnvironment();
  const adapter = new FastifyAdapter({
    trustProxy: environment.TRUST_PROXY,
    bodyLimit: environment.HTTP_MAX_BODY_BYTES,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bufferLogs: options.bufferLogs ?? true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  closeConnectionsOnShutdown(adapter);
  app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, app.get(AppConfig)));

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  registerGraphqlUploads(fastify, { path: '/graphql', maxFileBytes: MAX_UPLOAD_BYTES });
  registerPayloadTooLargeAnswer(fastify, environment.HTTP_MAX_BODY_BYTES);
  await registerQueueBoard(app);
  await serveDashboard(app);
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.recordHttp(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  const config = app.get(AppConfig);
  await app.listen(options.port ?? config.get('PORT'), config.get('HOST'));
  return app;
}
