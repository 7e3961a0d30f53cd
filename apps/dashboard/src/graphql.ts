import { accessToken } from './session';

/** An error the api answered with, carrying its `extensions.code` (e.g. UNAUTHENTICATED). */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'GraphqlError';
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** The api's GraphQL endpoint, on the origin that served the dashboard. */
const ENDPOINT = '/graphql';

/** Runs one query (or mutation) and returns its data, or throws the first error. */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  const token = accessToken();
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body: GraphqlResponse<T>;
  try {
    body = (await response.json()) as GraphqlResponse<T>;
  } catch {
    throw new GraphqlError(`HTTP ${response.status}`, undefined);
  }
  const first = body.errors?.[0];
  if (first) throw new GraphqlError(first.message, first.extensions?.code);
  if (!body.data) throw new GraphqlError(`HTTP ${response.status} without data`, undefined);
  return body.data;
}
