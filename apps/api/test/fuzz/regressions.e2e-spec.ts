import { Role } from '@jipp/core';
import { startTestApi, type TestApi } from '../api-harness';
import { answerProblems } from './answer-checker';
import { sendRaw, type RawRequest } from './raw-http';

/** A JSON POST to /graphql with exactly this body. */
const post = (label: string, body: string, headers: Array<[string, string]> = []): RawRequest => ({
  label,
  method: 'POST',
  target: '/graphql',
  headers: [['Content-Type', 'application/json'], ...headers],
  body: Buffer.from(body),
});

/** Requests the fuzzer once answered with a 5xx, an INTERNAL error or a leak; each is sent as it was. */
describe('fuzzer regressions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const answerTo = async (request: RawRequest) => {
    const answer = await sendRaw(api.url, request);
    return { ...answer, problems: answerProblems(answer), json: JSON.parse(answer.body) as unknown };
  };

  it('refuses an operationName that names no operation with BAD_USER_INPUT (was INTERNAL, 500)', async () => {
    const answer = await answerTo(
      post(
        'unknown operationName',
        '{"query":"query Fuzz { replicationSpread(groupBy: REGENCY) { y_1: rows { alias: adopterAgencies replications } } }","operationName":"NotThere"}',
      ),
    );
    expect(answer.problems).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a subscription (the schema has none) with BAD_USER_INPUT', async () => {
    const answer = await answerTo(post('subscription', '{"query":"subscription { networks { name } }"}'));
    expect(answer.problems).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a login with a lone surrogate in the e-mail and a NUL password without an internal error', async () => {
    const answer = await answerTo(
      post(
        'login with odd text',
        '{"query":"mutation Fuzz_login($input: LoginInput!) { login(input: $input) { accessToken } }","variables":{"input":{"email":"0x10\\ud83c\\uddee\\ud83c\\udde9a\\ud83d","password":"\\u0000"}},"operationName":"Fuzz_login"}',
      ),
    );
    expect(answer.problems).toEqual([]);
    expect(answer.json).toMatchObject({
      errors: [{ extensions: { code: expect.stringMatching(/BAD_USER_INPUT|UNAUTHENTICATED/) } }],
    });
  });

  it('refuses a multipart import whose map names a file that never comes', async () => {
    const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
    const operations = JSON.stringify({
      query: 'mutation($file: Upload!) { importInnovations(file: $file, dryRun: true) { rowsRead } }',
      variables: { file: null },
    });
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0": ["variables.file"]}\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const { token } = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    const answer = await answerTo({
      label: 'multipart without its file',
      method: 'POST',
      target: '/graphql',
      headers: [
        ['Content-Type', `multipart/form-data; boundary=${boundary}`],
        ['apollo-require-preflight', 'true'],
        ['Authorization', `Bearer ${token}`],
      ],
      body: Buffer.from(body),
    });
    expect(answer.problems).toEqual([]);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('answers 400, not 500, when the cost check refuses a query before execution', async () => {
    const { token } = await api.signInAs(Role.COORDINATOR, 'Pemprov Jawa Timur', {
      hubs: ['jipp-jawa-timur'],
    });
    const answer = await answerTo({
      label: 'too expensive, by GET',
      method: 'GET',
      target:
        '/graphql?query=query+%7B+flagQueue%28hubId%3A+90%2C+after%3A+%22eyJpZCI6MX0%3D%22%2C+first%3A+1998%29+%7B+edges+%7B+node+%7B+post+%7B+author+%7B+agency+%7B+province+%7B+regencies+%7B+__typename+%7D+%7D+%7D+%7D+%7D+%7D+%7D+%7D+%7D',
      headers: [
        ['Authorization', `Bearer ${token}`],
        ['apollo-require-preflight', 'true'],
      ],
    });
    expect(answer.problems).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('answers 400, not 500, to null for a non-null variable', async () => {
    const answer = await answerTo(
      post(
        'null refresh token',
        '{"query":"mutation Fuzz_logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }","variables":{"refreshToken":null},"operationName":"Fuzz_logout"}',
      ),
    );
    expect(answer.problems).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a persisted-query hash that does not match the query without an internal error', async () => {
    const answer = await answerTo({
      ...post(
        'persisted query, bad hash',
        '{"query":"{ provinces { code } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"x"}}}',
      ),
      headers: [['Content-Type', 'application/JSON']],
    });
    expect(answer.problems).toEqual([]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it("refuses an admin's invitation with agencyId: null with BAD_USER_INPUT, not an internal error", async () => {
    const { token } = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    const answer = await answerTo(
      post(
        'invitation, agencyId null',
        JSON.stringify({
          query: `mutation { inviteUser(input: {agencyId: null, email: "\\"x\\"@example.org", name: "Nama Uji"}) { acceptUrl } }`,
        }),
        [['Authorization', `Bearer ${token}`]],
      ),
    );
    expect(answer.problems).toEqual([]);
    expect(answer.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses network(slug: null) with BAD_USER_INPUT or NOT_FOUND, not an internal error', async () => {
    const { token } = await api.signInAs(Role.MEMBER, 'Pemkab Banyuwangi');
    const answer = await answerTo(
      post(
        'network by a null slug',
        '{"query":"query { network(slug: null) { coordinators { agency { regency { __typename } } } } }"}',
        [['Authorization', `Bearer ${token}`]],
      ),
    );
    expect(answer.problems).toEqual([]);
    expect(answer.json).toMatchObject({
      errors: [{ extensions: { code: expect.stringMatching(/BAD_USER_INPUT|NOT_FOUND/) } }],
    });
  });
});
