import fc from 'fast-check';
import { looksLikeInternals } from './answer-checker';
import { anyText } from './input-values';
import type { RawRequest } from './raw-http';

const SMALL_QUERY = '{ provinces { code } }';

/** Bodies a JSON parser or Apollo's request reader must refuse cleanly. */
const brokenBodies: fc.Arbitrary<{ label: string; body: string }> = fc.oneof(
  fc.constantFrom(
    { label: 'empty body', body: '' },
    { label: 'whitespace', body: ' \n\t ' },
    { label: 'cut-off JSON', body: '{"query": "{ provinces { code } }"' },
    { label: 'lone brace', body: '{' },
    { label: 'JSON null', body: 'null' },
    { label: 'JSON string', body: '"{ provinces { code } }"' },
    { label: 'JSON number', body: '12' },
    { label: 'JSON true', body: 'true' },
    { label: 'empty object', body: '{}' },
    { label: 'empty batch', body: '[]' },
    { label: 'batch', body: JSON.stringify([{ query: SMALL_QUERY }, { query: SMALL_QUERY }]) },
    { label: 'query null', body: '{"query": null}' },
    { label: 'query number', body: '{"query": 1}' },
    { label: 'query object', body: '{"query": {"kind": "Document", "definitions": []}}' },
    { label: 'query array', body: '{"query": ["{ provinces { code } }"]}' },
    { label: 'empty query', body: '{"query": ""}' },
    { label: 'variables string', body: JSON.stringify({ query: SMALL_QUERY, variables: '{"a":1}' }) },
    { label: 'variables array', body: JSON.stringify({ query: SMALL_QUERY, variables: [1, 2] }) },
    { label: 'variables number', body: JSON.stringify({ query: SMALL_QUERY, variables: 5 }) },
    { label: 'operationName number', body: JSON.stringify({ query: SMALL_QUERY, operationName: 5 }) },
    { label: 'operationName object', body: JSON.stringify({ query: SMALL_QUERY, operationName: {} }) },
    { label: 'extensions string', body: JSON.stringify({ query: SMALL_QUERY, extensions: 'x' }) },
    {
      label: 'persisted query',
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }),
    },
    {
      label: 'persisted query, bad hash',
      body: JSON.stringify({
        query: SMALL_QUERY,
        extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
      }),
    },
    {
      label: '__proto__ key',
      body: '{"__proto__": {"query": "{ provinces { code } }"}, "query": "{ __typename }"}',
    },
    { label: 'constructor key', body: '{"constructor": {"prototype": {"x": 1}}, "query": "{ __typename }"}' },
    { label: 'duplicate keys', body: '{"query": "{ __typename }", "query": 5}' },
    { label: 'trailing comma', body: '{"query": "{ __typename }",}' },
    { label: 'comment', body: '{"query": "{ __typename }" /* x */}' },
    { label: 'single quotes', body: "{'query': '{ __typename }'}" },
    {
      label: 'NaN',
      body: '{"query": "query($f: Int!) { agencies(first: $f) { totalCount } }", "variables": {"f": NaN}}',
    },
    { label: 'BOM', body: '\uFEFF{"query": "{ __typename }"}' },
    { label: 'huge number', body: `{"query": "{ __typename }", "x": 1${'0'.repeat(5000)}}` },
    { label: 'unicode escapes', body: '{"query": "{ \\u0000 __typename }"}' },
    { label: 'lone surrogate escape', body: '{"query": "{ __typename }", "variables": {"a": "\\ud800"}}' },
    { label: 'query with NUL', body: '{"query": "{ provinces\\u0000 { code } }"}' },
  ),
  fc.tuple(fc.integer({ min: 100, max: 200_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => ({
    label: `JSON nested ${depth} deep`,
    body: `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`,
  })),
  fc.integer({ min: 2, max: 2_000 }).map((count) => ({
    label: `batch of ${count}`,
    body: JSON.stringify(Array.from({ length: count }, () => ({ query: SMALL_QUERY }))),
  })),
  fc.integer({ min: 1_048_000, max: 1_100_000 }).map((size) => ({
    label: `body of ${size} bytes`,
    body: `{"query": "{ __typename }", "pad": "${'x'.repeat(size)}"}`,
  })),
  fc.integer({ min: 1_000, max: 200_000 }).map((depth) => ({
    label: `query nested ${depth} deep`,
    body: JSON.stringify({ query: `{ ${'provinces { '.repeat(depth)}code${' }'.repeat(depth)} }` }),
  })),
  fc.integer({ min: 1_000, max: 100_000 }).map((count) => ({
    label: `query of ${count} tokens`,
    body: JSON.stringify({ query: `{ ${'__typename '.repeat(count)}}` }),
  })),
  anyText.map((text) => ({ label: 'text as the body', body: text })),
  anyText.map((text) => ({ label: 'text as the query', body: JSON.stringify({ query: text }) })),
);

/** Bodies with bytes that are not UTF-8. */
const invalidUtf8Bodies: fc.Arbitrary<{ label: string; body: Buffer }> = fc
  .tuple(
    fc.constantFrom(
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xc3]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from([0x00]),
    ),
    fc.constantFrom('query', 'variable', 'whole'),
  )
  .map(([bytes, where]) => {
    if (where === 'whole') return { label: 'invalid UTF-8 body', body: bytes };
    const text =
      where === 'query'
        ? '{"query": "{ provinces { code name } } #@"}'
        : '{"query": "query($s: String) { agencies(filter: {search: $s}) { totalCount } }", "variables": {"s": "@"}}';
    const at = text.indexOf('@');
    return {
      label: `invalid UTF-8 in the ${where}`,
      body: Buffer.concat([Buffer.from(text.slice(0, at)), bytes, Buffer.from(text.slice(at + 1))]),
    };
  });

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/JSON',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/graphql',
  'application/graphql-response+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'a/b/c;;;',
  ';',
  'application/json; charset=',
  '\u00e9/\u00e9',
];

const PATHS = [
  '/graphql',
  '/graphql/',
  '/GRAPHQL',
  '/graphql?',
  '/graphql?query=',
  '/graphql?query={__typename}&query={__typename}',
  '/graphql?query=%7B__typename%7D&variables=%7B',
  '/graphql?query=%7B__typename%7D&variables=[1]',
  '/graphql?query=%7B__typename%7D&extensions=%ff',
  '/graphql?query=%E0%A4%A',
  '/graphql?query=%7Bprovinces%7Bcode%7D%7D&operationName=x&operationName=y',
  '/graphql?%00=%00',
  '/graphql#fragment',
  '/health',
  '/health/live',
  '/health/ready',
  '/metrics',
  '/admin/queues',
  '/admin/queues/api/queues',
  '/admin/queues/../../graphql',
  '/',
  '/index.html',
  '/dashboard',
  '/assets/../../package.json',
  '/assets/%2e%2e/%2e%2e/package.json',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%00',
  '/%ff%fe',
  '/\u00ff\u00fe',
  '//graphql',
  '*',
  'http://evil.example/graphql',
  '/socket.io/?EIO=4&transport=polling',
  '/socket.io/?EIO=99&transport=bogus',
];

/** Header values: huge, with odd bytes, forged tokens. */
const oddHeaders: fc.Arbitrary<Array<[string, string]>> = fc.subarray(
  [
    ['Authorization', 'Bearer x'],
    ['Authorization', 'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOjEsInJvbGUiOiJBRE1JTiJ9.'],
    ['Authorization', 'Basic YWRtaW46YWRtaW4='],
    ['Authorization', 'Bearer'],
    ['Authorization', `Bearer ${'a'.repeat(8_000)}`],
    ['Authorization', 'Bearer \u00ff\u00fe'],
    ['X-Big', 'b'.repeat(20_000)],
    ['X-Forwarded-For', 'not-an-ip, ::ffff:999.1.1.1'],
    ['Accept', 'text/html'],
    ['Accept', 'application/graphql-response+json'],
    ['Accept', '*/*;q=nonsense'],
    ['Accept-Encoding', 'gzip, br, zstd'],
    ['apollo-require-preflight', 'true'],
    ['x-apollo-operation-name', 'X'],
    ['Cookie', 'jipp_board=\u00ff; a=b=c'],
    ['Origin', 'https://evil.example'],
    ['Content-Encoding', 'gzip'],
    ['Expect', '100-continue'],
    ['Transfer-Encoding', 'chunked'],
  ] as Array<[string, string]>,
  { maxLength: 3 },
);

/** Text as a path segment; a lone surrogate cannot be percent-encoded, so it goes as its bad bytes. */
function pathOf(text: string): string {
  try {
    return `/${encodeURIComponent(text)}`;
  } catch {
    return '/%ED%A0%80';
  }
}

const METHODS = [
  'POST',
  'POST',
  'POST',
  'GET',
  'GET',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'TRACE',
  'BREW',
];

/** Malformed and odd HTTP requests: broken JSON, wrong content types, bad bytes, lying lengths. */
export function malformedHttpRequest(tokens: readonly string[]): fc.Arbitrary<RawRequest> {
  const body = fc.oneof(
    {
      weight: 4,
      arbitrary: brokenBodies.map(({ label, body: text }) => ({ label, body: Buffer.from(text) })),
    },
    { weight: 1, arbitrary: invalidUtf8Bodies },
  );
  const request = fc
    .record({
      method: fc.constantFrom(...METHODS),
      path: fc.oneof(
        { weight: 4, arbitrary: fc.constant('/graphql') },
        { weight: 2, arbitrary: fc.constantFrom(...PATHS) },
        { weight: 1, arbitrary: anyText.map(pathOf) },
      ),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 8 }),
      body,
      headers: oddHeaders,
      token: fc.option(fc.constantFrom(...(tokens.length ? tokens : ['x'])), { freq: 3 }),
      lie: fc.constantFrom('none', 'none', 'none', 'none', 'short-body', 'chunked-garbage'),
    })
    .map(({ method, path, contentType, body: { label, body: bytes }, headers, token, lie }): RawRequest => {
      const allHeaders: Array<[string, string]> = [...headers];
      if (contentType !== null) allHeaders.push(['Content-Type', contentType]);
      if (token !== null) allHeaders.push(['Authorization', `Bearer ${token}`]);
      const base: RawRequest = {
        label: `${method} ${path}: ${label}${contentType === null ? ', no content type' : `, ${contentType}`}${headers.length ? `, headers ${headers.map(([n]) => n).join('/')}` : ''}`,
        method,
        target: path,
        headers: allHeaders,
        body: bytes,
      };
      const chunked = headers.some(([name]) => name === 'Transfer-Encoding');
      if (lie === 'short-body' || chunked) {
        // a Content-Length larger than the body, or a chunked body that is not one: the server waits,
        // then sees the connection end
        return {
          ...base,
          label: `${base.label}, ${chunked ? 'not really chunked' : 'Content-Length too large'}`,
          headers: chunked ? allHeaders : [...allHeaders, ['Content-Length', String(bytes.length + 10)]],
          omitContentLength: true,
          mayGoUnanswered: true,
        };
      }
      if (lie === 'chunked-garbage') {
        return {
          ...base,
          label: `${base.label}, bad chunk sizes`,
          headers: [...allHeaders, ['Transfer-Encoding', 'chunked']],
          body: Buffer.concat([Buffer.from('zz\r\n'), bytes, Buffer.from('\r\n0\r\n\r\n')]),
          omitContentLength: true,
          mayGoUnanswered: true,
        };
      }
      return base;
    });
  return request.filter((r) => !looksLikeInternals(r.target));
}
