import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const DASHBOARD_PATH = '/dashboard';

/**
 * Where `npm run build:dashboard` (vite) writes the dashboard: dist/apps/dashboard. This file runs
 * from dist/apps/api/src/dashboard when built, and from apps/api/src/dashboard when the tests run
 * the sources.
 */
export function dashboardDir(here = __dirname): string {
  const built = here.split(sep).includes('dist');
  return built
    ? join(here, '..', '..', '..', 'dashboard')
    : join(here, '..', '..', '..', '..', 'dist', 'apps', 'dashboard');
}

/**
 * Serves the built web dashboard at /dashboard/ (and redirects /dashboard there). The files are
 * public: the page holds no data; its GraphQL queries and the live feed apply the access rules
 * (DASHBOARD_REQUIRE_LOGIN). Hashed assets are cached for a year and sent as the gzip copies the
 * build wrote to browsers that accept them; index.html is revalidated on every visit, so a deploy
 * shows at once. When the dashboard was not built, /dashboard/ answers 503 with what to run.
 */
export async function serveDashboard(app: NestFastifyApplication, root = dashboardDir()): Promise<void> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`No dashboard build in ${root}: run \`npm run build:dashboard\`.`);
    await app.register(async (scope: FastifyInstance) => {
      const notBuilt = async (_request: FastifyRequest, reply: FastifyReply) =>
        reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('The dashboard is not built: run `npm run build:dashboard`.');
      scope.get(DASHBOARD_PATH, notBuilt);
      scope.get(`${DASHBOARD_PATH}/*`, notBuilt);
    });
    return;
  }
  // the page itself by hand: @fastify/static answers 404 for a directory's index when
  // preCompressed is on and the browser accepts an encoding
  await app.register(async (scope: FastifyInstance) => {
    scope.get(DASHBOARD_PATH, async (_request, reply) => reply.redirect(`${DASHBOARD_PATH}/`, 301));
    scope.get(`${DASHBOARD_PATH}/`, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(await readFile(index)),
    );
  });
  await app.register(fastifyStatic, {
    root,
    prefix: `${DASHBOARD_PATH}/`,
    // Nest's adapter and the queue board register the plugin as well: only one may decorate replies
    decorateReply: false,
    index: false,
    redirect: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = path.includes(`${sep}assets${sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
