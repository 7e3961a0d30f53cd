/**
 * The three GraphQL read requests of the benchmark, sent as they are to the api, the raw baseline
 * and the stock baseline (see apps/api/schema.gql). The card fields are the catalogue benchmark's.
 */
import { signHs256 } from '../lib/jwt';
import type { GraphqlDatasetSummary } from './dataset';

/** What a catalogue card shows, in the list and on its own. */
const INNOVATION_CARD = `
    id slug title summary launchYear digital stage sdgGoals
    category { id name }
    originAgency { id name shortName type }
    province { code name }
    regency { code name }
    awards { competition year level }
    funnel { viewed interested replicated }`;

export const PAGE_SIZE = 20;

export const INNOVATIONS_PAGE = `query InnovationsPage($first: Int!) {
  innovations(first: $first) {
    edges { node {${INNOVATION_CARD}
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const THREAD_PAGE = `query ThreadPage($threadId: Int!, $first: Int!) {
  posts(threadId: $threadId, first: $first) {
    edges { node {
      id threadId replyToPostId createdAt editedAt bodyHtml
      author { id name agency { id shortName } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const INNOVATION_BY_SLUG = `query InnovationBySlug($slug: String!) {
  innovation(slug: $slug) {${INNOVATION_CARD}
  }
}`;

export type QueryName = 'innovations' | 'thread' | 'innovation';

export interface GraphqlRequest {
  name: QueryName;
  /** Figures say it, e.g. `innovations page`. */
  label: string;
  body: string;
  headers: Record<string, string>;
  /** Every answer under load must start with this: a GraphQL error also comes with status 200. */
  expectBodyPrefix: string;
  /** Goal on SQL statements per request (the list pages). */
  maxStatements?: number;
}

/** Long enough for any run; the api checks `exp`. */
const TOKEN_TTL_SECONDS = 24 * 3600;

/** The requests for this dataset: the thread and the slug come from it, the reader's token is signed here. */
export function graphqlRequests(dataset: GraphqlDatasetSummary, jwtSecret: string): GraphqlRequest[] {
  const json = { 'content-type': 'application/json' };
  const reader = dataset.reader;
  const token = signHs256(
    { sub: String(reader.id), agency: reader.agencyId, role: reader.role },
    jwtSecret,
    TOKEN_TTL_SECONDS,
  );
  return [
    {
      name: 'innovations',
      label: 'innovations page',
      body: JSON.stringify({
        operationName: 'InnovationsPage',
        query: INNOVATIONS_PAGE,
        variables: { first: PAGE_SIZE },
      }),
      headers: json,
      expectBodyPrefix: '{"data":{"innovations":{"edges":[{',
      maxStatements: 2,
    },
    {
      name: 'thread',
      label: 'thread page',
      body: JSON.stringify({
        operationName: 'ThreadPage',
        query: THREAD_PAGE,
        variables: { threadId: dataset.threadId, first: PAGE_SIZE },
      }),
      headers: { ...json, authorization: `Bearer ${token}` },
      expectBodyPrefix: '{"data":{"posts":{"edges":[{',
      maxStatements: 2,
    },
    {
      name: 'innovation',
      label: 'innovation(slug)',
      body: JSON.stringify({
        operationName: 'InnovationBySlug',
        query: INNOVATION_BY_SLUG,
        variables: { slug: dataset.innovationSlug },
      }),
      headers: json,
      expectBodyPrefix: '{"data":{"innovation":{"id":',
    },
  ];
}
