/**
 * The raw baseline of the graphql benchmark: the least a server can do to answer its three
 * requests. Fastify and a mysql2 pool of the api's size run the api's statements
 * (`lib/api-statements.ts`: text, parameters and protocol, `query`, one pooled connection per
 * statement) and build the same JSON as the GraphQL response, with no GraphQL, no Nest, no
 * entities. Like the api, it keeps the 552 regions in memory and checks the reader's HS256 access
 * token. The benchmark checks that both send the same SQL and answer the same data before it
 * measures.
 *
 *   PORT=3001 HOST=127.0.0.1 DATABASE_URL=mariadb://... DATABASE_POOL_SIZE=20 JWT_SECRET=... \
 *     node dist/bench/graphql/raw-server.js
 *
 * POST /graphql answers by the body's `operationName` and `variables` (the query text is not read).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { baselinePool, listenUntilSignal, loadRegions, runBaseline } from '../lib/baseline-server';
import {
  awardsByInnovation,
  awardsFromJson,
  innovationCard,
  type Award,
  type Region,
} from '../lib/innovation-card';
import {
  awardsOf,
  innovationBySlug,
  innovationsPage,
  postsPage,
  PUBLISHED,
  readableThread,
  type Statement,
} from '../lib/api-statements';

interface Reader {
  id: number;
  agencyId: number;
  role: string;
}

type Row = RowDataPacket;

const cursor = (values: Array<string | number>): string =>
  Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
const sqlDateTime = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');
const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);

/** The claims of a valid, unexpired HS256 access token (what the api's guard accepts), else null. */
function verifyAccessToken(header: string | undefined, secret: string): Reader | null {
  const token = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1];
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return null;
  const [head, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const header_ = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub?: string;
    agency?: number;
    role?: string;
    exp?: number;
  };
  if (header_.alg !== 'HS256' || (claims.exp !== undefined && claims.exp * 1000 <= Date.now())) return null;
  const id = Number(claims.sub);
  if (!Number.isInteger(id) || !Number.isInteger(claims.agency) || !claims.role) return null;
  return { id, agencyId: claims.agency!, role: claims.role };
}

class RawAnswers {
  constructor(
    private readonly pool: Pool,
    private readonly regions: Map<string, Region>,
  ) {}

  private async rows(statement: Statement): Promise<Row[]> {
    const [rows] = await this.pool.query<Row[]>(statement.sql, statement.values);
    return rows;
  }

  /** The awards of these innovations, by innovation, in the statement's order. */
  private async awards(ids: number[]): Promise<Map<number, Award[]>> {
    return awardsByInnovation(ids, ids.length ? await this.rows(awardsOf(ids)) : []);
  }

  private card(r: Row, awards: Award[]): Record<string, unknown> {
    return innovationCard(r, awards, this.regions);
  }

  async innovations(first: number): Promise<unknown> {
    const rows = await this.rows(innovationsPage(first));
    const page = rows.slice(0, first);
    const awards = await this.awards(page.map((r) => r['innovation_id'] as number));
    const edges = page.map((r) => ({
      node: this.card(r, awards.get(r['innovation_id'] as number)!),
      cursor: cursor([sqlDateTime(r['innovation_listed_at'] as Date), r['innovation_id'] as number]),
    }));
    return {
      data: {
        innovations: {
          edges: edges.map((e) => ({ node: e.node })),
          pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
        },
      },
    };
  }

  async innovation(slug: string): Promise<unknown> {
    const [row] = await this.rows(innovationBySlug(slug));
    // anonymous readers see published innovations only
    if (!row || row['innovation_status'] !== PUBLISHED) throw new Error(`no innovation ${slug}`);
    return { data: { innovation: this.card(row, awardsFromJson(row['awards_json'])) } };
  }

  async posts(reader: Reader, threadId: number, first: number): Promise<unknown> {
    // as the api does: the page is read while the thread's access is checked
    const pageRows = this.rows(postsPage(threadId, first));
    pageRows.catch(() => undefined);
    const [thread] = await this.rows(readableThread(threadId, reader));
    if (!thread) throw new Error(`no thread ${threadId}`);
    if (reader.role !== 'ADMIN') {
      if (thread['thread_subject'] !== 'HUB') throw new Error('the baseline reads hub threads only');
      const coordinates = reader.role === 'COORDINATOR' && Number(thread['hub_coordinator']) === 1;
      if (Number(thread['hub_member']) !== 1 && !coordinates) throw new Error(`thread ${threadId} is closed`);
    }
    const rows = await pageRows;
    const page = rows.slice(0, first);
    const edges = page.map((p) => {
      const gone = p['post_deleted_at'] !== null || p['post_hidden_at'] !== null;
      return {
        node: {
          id: p['post_id'],
          threadId: p['post_thread_id'],
          replyToPostId: p['post_reply_to_post_id'],
          createdAt: iso(p['post_created_at']),
          editedAt: iso(p['post_edited_at']),
          bodyHtml: gone ? null : p['post_body_html'],
          author: {
            id: p['author_id'],
            name: p['author_name'],
            agency: { id: p['authorAgency_id'], shortName: p['authorAgency_short_name'] },
          },
        },
      };
    });
    const last = page.at(-1);
    return {
      data: {
        posts: {
          edges,
          pageInfo: {
            hasNextPage: rows.length > first,
            endCursor: last ? cursor([last['post_id'] as number]) : null,
          },
        },
      },
    };
  }
}

interface Body {
  operationName?: string;
  variables?: { first?: number; slug?: string; threadId?: number };
}

async function main(): Promise<void> {
  const secret = process.env['JWT_SECRET'];
  if (!secret) throw new Error('JWT_SECRET is required');
  const pool = baselinePool(20);
  const regions = await loadRegions(pool);
  const answers = new RawAnswers(pool, regions);

  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.post<{ Body: Body }>('/graphql', async (request, reply) => {
    const { operationName, variables = {} } = request.body ?? {};
    const first = variables.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new Error('first must be 1-100');
    switch (operationName) {
      case 'InnovationsPage':
        return answers.innovations(first);
      case 'InnovationBySlug':
        return answers.innovation(String(variables.slug));
      case 'ThreadPage': {
        const reader = verifyAccessToken(request.headers.authorization, secret);
        if (!reader) return reply.code(401).send({ errors: [{ message: 'sign in first' }] });
        return answers.posts(reader, Number(variables.threadId), first);
      }
      default:
        return reply.code(400).send({ errors: [{ message: `unknown operation ${operationName}` }] });
    }
  });
  await listenUntilSignal(app, pool);
}

runBaseline('raw', main);
