/**
 * GraphQL over HTTP to an api at a URL: an in-process test api, or an api a test runs as a child
 * process. Imports nothing of the app, so a test of built processes does not load it.
 */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

/** One GraphQL request to the api at `url` (an in-process one, or a child process of a test). */
export async function gqlAt<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: object,
  token?: string,
): Promise<GqlResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** The data of a GraphQL request to the api at `url`; throws with its errors (and `label`) when it has none. */
export async function gqlDataAt<T>(
  url: string,
  query: string,
  variables: object = {},
  token?: string,
  label = url,
): Promise<T> {
  const res = await gqlAt<T>(url, query, variables, token);
  if (!res.data) throw new Error(`${label}: ${JSON.stringify(res.errors)}`);
  return res.data;
}
