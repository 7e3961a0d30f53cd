import { getOperationAST, parse } from 'graphql';
import { operationCost } from './operation-cost';

function costOf(source: string): Record<string, number> {
  const document = parse(source);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return Object.fromEntries(operationCost(operation, document));
}

describe('operationCost', () => {
  it('counts a query as one read, however many root fields it asks for', () => {
    expect(costOf('{ me { id } innovations(first: 5) { totalCount } }')).toEqual({ reads: 1 });
    expect(costOf('query Page { regions { code } }')).toEqual({ reads: 1 });
  });

  it('puts login in logins, forum writing in posts and the rest in mutations', () => {
    expect(costOf('mutation { login(input: {email: "a@b.id", password: "x"}) { accessToken } }')).toEqual({
      logins: 1,
    });
    expect(costOf('mutation { createPost(input: {threadId: 1, body: "x"}) { id } }')).toEqual({ posts: 1 });
    expect(costOf('mutation { createThread(input: {title: "t", body: "x"}) { id } }')).toEqual({ posts: 1 });
    expect(costOf('mutation { editPost(input: {id: 1, body: "x"}) { id } }')).toEqual({ posts: 1 });
    expect(costOf('mutation { deletePost(id: 1) { id } }')).toEqual({ mutations: 1 });
    expect(costOf('mutation { logout(refreshToken: "x") }')).toEqual({ mutations: 1 });
  });

  it('counts each aliased copy of a field', () => {
    expect(
      costOf(`mutation {
        a: createPost(input: {threadId: 1, body: "1"}) { id }
        b: createPost(input: {threadId: 1, body: "2"}) { id }
        c: editPost(input: {id: 1, body: "3"}) { id }
        x: login(input: {email: "a@b.id", password: "1"}) { accessToken }
        y: login(input: {email: "a@b.id", password: "2"}) { accessToken }
        markAllNotificationsRead
      }`),
    ).toEqual({ posts: 3, logins: 2, mutations: 1 });
  });

  it('sees fields behind fragments spread at the root, and skipped fields too', () => {
    expect(
      costOf(`
        mutation Flood { ...Posts ... on Mutation { login(input: {email: "a@b.id", password: "1"}) { accessToken } } }
        fragment Posts on Mutation {
          a: createPost(input: {threadId: 1, body: "1"}) { id }
          b: createPost(input: {threadId: 1, body: "2"}) @skip(if: true) { id }
          ...Posts
        }`),
    ).toEqual({ posts: 2, logins: 1 });
  });

  it('costs the chosen operation of a document holding several', () => {
    const document = parse(`
      query Read { me { id } }
      mutation Write { a: createPost(input: {threadId: 1, body: "1"}) { id } }`);
    expect(Object.fromEntries(operationCost(getOperationAST(document, 'Read')!, document))).toEqual({
      reads: 1,
    });
    expect(Object.fromEntries(operationCost(getOperationAST(document, 'Write')!, document))).toEqual({
      posts: 1,
    });
  });
});
