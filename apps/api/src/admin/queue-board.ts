import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '@jipp/auth';
import { AppConfig, QueueName, Role } from '@jipp/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boardCookie, boardTokenOf, isSameOrigin, QUEUE_BOARD_PATH } from './board-session';

const LOGIN_PATH = `${QUEUE_BOARD_PATH}/login`;

const LOGIN_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>JIPP · Antrean</title></head>
<body>
<h1>Papan antrean JIPP (khusus admin)</h1>
<form method="post" action="${LOGIN_PATH}">
<label>Access token admin <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Masuk</button>
</form>
</body></html>`;

/**
 * Bull Board at `/admin/queues`, for admins only: every queue of the platform, its failed set and
 * the retry/clean actions. A request needs an ADMIN access token, as `Authorization: Bearer …` or
 * in the board's cookie, which `POST /admin/queues/login` (form field or Bearer header `token`)
 * sets; the token never travels in a URL, so it never reaches the request logs.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const tokens = app.get(TokenService);
  const cookieTtl = app.get(AppConfig).get('ACCESS_TOKEN_TTL_SECONDS');
  const queues = Object.values(QueueName).map(
    (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
  );
  const serverAdapter = new BullBoardFastifyAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues, serverAdapter, options: { uiConfig: { boardTitle: 'JIPP queues' } } });

  /** 401 without a valid token, 403 for a non-admin; undefined when the caller is an admin. */
  const refusal = async (token: string | undefined): Promise<401 | 403 | undefined> => {
    if (!token) return 401;
    try {
      const user = await tokens.verifyAccessToken(token);
      return user.role === Role.ADMIN ? undefined : 403;
    } catch {
      return 401;
    }
  };
  const refuse = (reply: FastifyReply, status: 401 | 403): FastifyReply =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .send({
        statusCode: status,
        message:
          status === 401
            ? `Sign in with an admin access token at ${LOGIN_PATH}.`
            : 'The queue board is for admins only.',
      });

  // the login, outside the guarded scope
  await app.register(async (scope: FastifyInstance) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
    }
    scope.get(LOGIN_PATH, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(LOGIN_PAGE),
    );
    scope.post(LOGIN_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isSameOrigin(request.headers.origin, request.headers.host)) return refuse(reply, 403);
      const body = request.body as { token?: unknown } | undefined;
      const token = typeof body?.token === 'string' ? body.token.trim() : boardTokenOf(request.headers);
      const status = await refusal(token);
      if (status) return refuse(reply, status);
      return reply
        .header('set-cookie', boardCookie(token!, cookieTtl, request.protocol === 'https'))
        .header('cache-control', 'no-store')
        .redirect(`${QUEUE_BOARD_PATH}/`, 303);
    });
  });

  // the board, every route of it behind the admin check
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request, reply) => {
        const status = await refusal(boardTokenOf(request.headers));
        if (status) return refuse(reply, status);
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
