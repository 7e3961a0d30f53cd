import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { User } from '@jipp/auth';
import type { Role } from '@jipp/core';
import { createUser, seededAgency, TEST_PASSWORD } from '@jipp/testing';
import type { DataSource } from 'typeorm';
import { startApi } from '../src/bootstrap';
import { gqlAt, type GqlResponse } from './graphql-at';

export { gqlAt, gqlDataAt, type GqlResponse } from './graphql-at';

/** A running api on a free port, with its data source and GraphQL helpers. */
export interface TestApi {
  app: NestFastifyApplication;
  url: string;
  dataSource: DataSource;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  /** A new user of a seeded agency (by short name), signed in; coordinators of the given hub slugs. */
  signInAs(
    role: Role,
    agencyShortName: string,
    options?: { hubs?: string[] },
  ): Promise<{ user: User; token: string }>;
  close(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const app = await startApi({ port: 0 });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const gql: TestApi['gql'] = (query, variables, token) => gqlAt(url, query, variables, token);
  const login = async (email: string, password = TEST_PASSWORD): Promise<string> => {
    const res = await gql<{ login: { accessToken: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
      { input: { email, password } },
    );
    if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
    return res.data.login.accessToken;
  };
  const signInAs: TestApi['signInAs'] = async (role, agencyShortName, options = {}) => {
    const agency = await seededAgency(dataSource, agencyShortName);
    const user = await createUser(dataSource, { agencyId: agency.id, role, hubSlugs: options.hubs });
    return { user, token: await login(user.email) };
  };
  return { app, url, dataSource, gql, login, signInAs, close: () => app.close() };
}

/** The `extensions.code` of the first error. */
export function errorCode(res: GqlResponse): unknown {
  return res.errors?.[0]?.extensions?.['code'];
}
