/**
 * The baseline of the catalogue benchmark: the least a server can do to answer the catalogue
 * page. Fastify and a mysql2 pool of the api's size run the SAME statements the api runs for it
 * (TypeORM's text, parameters and protocol: `query`, one pooled connection per statement) and
 * build the same JSON as the GraphQL response, with no GraphQL, no Nest, no entities. Like the api,
 * it keeps the 552 regions in memory. The benchmark checks once that both run the same SQL and
 * answer the same data before it measures.
 *
 *   PORT=3001 HOST=127.0.0.1 DATABASE_URL=mariadb://... DATABASE_POOL_SIZE=20 node dist/bench/catalogue/raw-server.js
 *
 * POST /graphql answers the body's variables: `{ first, search? }` (the query text is not read).
 */
import Fastify from 'fastify';
import type { RowDataPacket } from 'mysql2/promise';
import { awardsOf, innovationsPage, innovationsSearch, searchTerms } from '../lib/api-statements';
import { baselinePool, listenUntilSignal, loadRegions, runBaseline } from '../lib/baseline-server';
import { awardsByInnovation, innovationCard } from '../lib/innovation-card';

// ------------------------------------------------------------------ the answer

const cursor = (values: Array<string | number>): string =>
  Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
const sqlDateTime = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

async function main(): Promise<void> {
  const pool = baselinePool(20);
  const regions = await loadRegions(pool);

  async function innovations(first: number, search: string | undefined): Promise<unknown> {
    const terms = search?.trim() ? searchTerms(search) : [];
    if (search?.trim() && terms.length === 0)
      throw new Error('the baseline implements full-text search only');
    const statement = terms.length ? innovationsSearch(terms, first) : innovationsPage(first);
    const [rows] = await pool.query<RowDataPacket[]>(statement.sql, statement.values);
    const page = rows.slice(0, first);

    const ids = page.map((r) => r['innovation_id'] as number);
    const awardsStatement = awardsOf(ids);
    const awards = awardsByInnovation(
      ids,
      ids.length ? (await pool.query<RowDataPacket[]>(awardsStatement.sql, awardsStatement.values))[0] : [],
    );

    const edges = page.map((r) => {
      const id = r['innovation_id'] as number;
      return {
        node: innovationCard(r, awards.get(id)!, regions),
        cursor: terms.length
          ? cursor([Number(r['relevance']), id])
          : cursor([sqlDateTime(r['innovation_listed_at'] as Date), id]),
      };
    });
    return {
      data: {
        innovations: {
          edges: edges.map((e) => ({ node: e.node })),
          pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
        },
      },
    };
  }

  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.post<{ Body: { variables?: { first?: number; search?: string } } }>('/graphql', async (request) => {
    const variables = request.body?.variables ?? {};
    const first = variables.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new Error('first must be 1-100');
    return innovations(first, variables.search);
  });
  await listenUntilSignal(app, pool);
}

runBaseline('raw', main);
