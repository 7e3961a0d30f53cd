import type { LoadOperation } from './fault-load';
import type { FaultWorld } from './fault-world';

const ME = `query { me { id } }`;
const AGENCIES = `query { agencies(first: 10) { edges { node { id name } } } }`;
const NETWORKS = `query { networks { id name } }`;
const POSTS = `query($threadId: Int!) { posts(threadId: $threadId, first: 10, order: NEWEST_FIRST) { edges { node { id } } } }`;
const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

/**
 * The load of the fault tests on a world: mostly reads (a signed-in user's own record, the agency
 * list, the hub list, the thread's newest posts), posts to the watched thread (each body starts with
 * `postPrefix`, so the run's posts can be found and traced), and now and then a sign-in.
 */
export function worldOperations(world: FaultWorld, postPrefix: string): LoadOperation[] {
  return [
    {
      name: 'me',
      kind: 'read',
      weight: 2,
      build: () => ({ query: ME, variables: {}, token: world.watcher.token }),
    },
    { name: 'agencies', kind: 'read', weight: 2, build: () => ({ query: AGENCIES, variables: {} }) },
    { name: 'networks', kind: 'read', weight: 1, build: () => ({ query: NETWORKS, variables: {} }) },
    {
      name: 'posts',
      kind: 'read',
      weight: 2,
      build: () => ({ query: POSTS, variables: { threadId: world.threadId }, token: world.watcher.token }),
    },
    {
      name: 'createPost',
      kind: 'write',
      weight: 2,
      build: (sequence) => {
        const body = `${postPrefix}${sequence}`;
        const poster = world.posters[sequence % world.posters.length]!;
        return {
          query: CREATE_POST,
          variables: { input: { threadId: world.threadId, body } },
          token: poster.token,
          key: body,
        };
      },
    },
    {
      name: 'login',
      kind: 'write',
      weight: 0.5,
      build: () => ({
        query: LOGIN,
        variables: { input: { email: world.signer.email, password: world.signer.password } },
      }),
    },
  ];
}
