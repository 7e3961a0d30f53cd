import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The request id: the caller's `x-request-id` when it looks sane, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * pino everywhere: JSON lines in production (and whenever stdout is not a terminal), pretty in a
 * terminal; every line of a request carries its request id.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const pretty = !config.isProduction && process.stdout.isTTY === true;
        return {
          pinoHttp: {
            level: config.get('LOG_LEVEL'),
            genReqId: (req: IncomingMessage) => requestIdOf(req),
            customProps: (req: IncomingMessage) => ({
              requestId: (req as IncomingMessage & { id?: unknown }).id,
            }),
            autoLogging: {
              ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics',
            },
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
            transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
        };
      },
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
