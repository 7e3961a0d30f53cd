/**
 * The baseline of the analytics benchmark: the dashboard's questions answered by GROUP BY over the
 * base tables (`naive-answers.ts`), served over the same transport as the api (HTTP POST of the
 * same GraphQL body to `/graphql`, JSON `{ "data": ... }` back) so that both sides are timed the
 * same way. Fastify and a mysql2 pool of the analytics data source's size; no GraphQL, no Nest.
 *
 *   PORT=3001 HOST=127.0.0.1 DATABASE_URL=mariadb://... DATABASE_POOL_SIZE=5 node dist/bench/analytics/naive-server.js
 *
 * The body's `operationName` says which question (`ReplicationSpread`, `GapMap`, `TopInnovations`,
 * `InnovationFunnel`, `HubActivity`) and its `variables` carry the arguments; the query text is not
 * read.
 */
import Fastify from 'fastify';
import { baselinePool, listenUntilSignal, runBaseline } from '../lib/baseline-server';
import { NaiveAnswers, type GroupBy, type SpreadFilter } from './naive-answers';

type Variables = Record<string, unknown>;

async function main(): Promise<void> {
  const pool = baselinePool(5);
  const answers = new NaiveAnswers(pool);
  const questions: Record<string, (v: Variables) => Promise<unknown>> = {
    ReplicationSpread: (v) =>
      answers.replicationSpread(v['groupBy'] as GroupBy, (v['filter'] ?? {}) as SpreadFilter),
    GapMap: (v) => answers.gapMap(String(v['provinceCode']), (v['categoryId'] as number | undefined) ?? null),
    TopInnovations: (v) => {
      if (v['filter']) throw new Error('the baseline ranks without a filter only');
      return answers.topInnovations(v['by'] as 'REPLICATIONS' | 'PROVINCES', Number(v['first'] ?? 10));
    },
    InnovationFunnel: (v) => answers.innovationFunnel(Number(v['innovationId'])),
    HubActivity: (v) => answers.hubActivity(Number(v['hubId']), String(v['from']), String(v['to'])),
  };

  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.post<{ Body: { operationName?: string; variables?: Variables } }>(
    '/graphql',
    async (request, reply) => {
      const question = questions[request.body?.operationName ?? ''];
      if (!question) {
        return reply.code(400).send({
          errors: [{ message: `operationName must be one of ${Object.keys(questions).join(', ')}` }],
        });
      }
      return { data: await question(request.body.variables ?? {}) };
    },
  );
  await listenUntilSignal(app, pool);
}

runBaseline('naive', main);
