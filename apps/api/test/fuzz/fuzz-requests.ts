import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { malformedHttpRequest } from './http-arbitraries';
import { anyText } from './input-values';
import type { RawRequest } from './raw-http';
import { SchemaArbitraries, type GraphqlOperation } from './schema-arbitraries';

/** Who sends a request: nobody, or a signed-in user of some role. */
export interface Principal {
  name: string;
  token?: string;
}

type Transport = 'post-json' | 'get' | 'post-batch' | 'post-graphql-text' | 'post-text-plain';

/** A GraphQL operation as one HTTP request of the given transport. */
export function graphqlRequest(
  operation: GraphqlOperation,
  principal: Principal,
  transport: Transport,
): RawRequest {
  const auth: Array<[string, string]> = principal.token
    ? [['Authorization', `Bearer ${principal.token}`]]
    : [];
  const payload = {
    query: operation.query,
    variables: operation.variables,
    operationName: operation.operationName,
  };
  const label = `${operation.label} as ${principal.name} by ${transport}`;
  switch (transport) {
    case 'get': {
      const params = new URLSearchParams({ query: operation.query });
      if (operation.variables) params.set('variables', JSON.stringify(operation.variables));
      if (operation.operationName) params.set('operationName', operation.operationName);
      return {
        label,
        method: 'GET',
        target: `/graphql?${params.toString()}`,
        headers: [...auth, ['apollo-require-preflight', 'true']],
      };
    }
    case 'post-batch':
      return jsonPost(label, auth, [payload, payload]);
    case 'post-graphql-text':
      return {
        label,
        method: 'POST',
        target: '/graphql',
        headers: [...auth, ['Content-Type', 'application/graphql']],
        body: Buffer.from(operation.query),
      };
    case 'post-text-plain':
      return {
        label,
        method: 'POST',
        target: '/graphql',
        headers: [...auth, ['Content-Type', 'text/plain']],
        body: Buffer.from(JSON.stringify(payload)),
      };
    default:
      return jsonPost(label, auth, payload);
  }
}

function jsonPost(label: string, headers: Array<[string, string]>, payload: unknown): RawRequest {
  return {
    label,
    method: 'POST',
    target: '/graphql',
    headers: [...headers, ['Content-Type', 'application/json']],
    body: Buffer.from(JSON.stringify(payload)),
  };
}

const IMPORT =
  'mutation($file: Upload!, $dryRun: Boolean, $skipInvalid: Boolean) { importInnovations(file: $file, dryRun: $dryRun, skipInvalid: $skipInvalid) { rowsRead valid invalid created refused problems { row column message } } }';

/** What an uploaded import file holds: broken CSV, bytes that pretend to be XLSX, nothing, a lot. */
const uploadContent: fc.Arbitrary<{ name: string; content: Buffer }> = fc.oneof(
  fc.constantFrom(
    { name: 'kosong.csv', content: Buffer.alloc(0) },
    { name: 'header.csv', content: Buffer.from('title,summary\n') },
    { name: 'quotes.csv', content: Buffer.from('title,summary\n"unclosed,x\n') },
    { name: 'fake.xlsx', content: Buffer.from('PK\u0003\u0004garbage that is not a zip') },
    { name: 'binary.csv', content: Buffer.from([0xff, 0xfe, 0x00, 0x00, 0xc3, 0x28]) },
    { name: 'bom.csv', content: Buffer.from('\uFEFFtitle;summary\r\nA;B\r\n') },
    {
      name: 'evil.xlsx',
      content: Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      ),
    },
  ),
  fc.array(fc.array(anyText, { maxLength: 6 }), { maxLength: 20 }).map((rows) => ({
    name: 'acak.csv',
    content: Buffer.from(rows.map((row) => row.map((cell) => JSON.stringify(cell)).join(',')).join('\n')),
  })),
  fc
    .integer({ min: 10_000, max: 200_000 })
    .map((n) => ({ name: 'lebar.csv', content: Buffer.from(`${'a,'.repeat(n)}\n`) })),
);

/** A GraphQL multipart request (the upload spec), sometimes well-formed, sometimes not. */
function multipartImport(principals: readonly Principal[]): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      principal: fc.constantFrom(...principals),
      file: uploadContent,
      dryRun: fc.boolean(),
      flaw: fc.constantFrom(
        'none',
        'none',
        'none',
        'map-to-nowhere',
        'operations-not-json',
        'no-file',
        'no-end',
        'two-files',
      ),
    })
    .map(({ principal, file, dryRun, flaw }): RawRequest => {
      const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
      const part = (headers: string, content: Buffer | string): Buffer =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
          Buffer.from(content),
          Buffer.from('\r\n'),
        ]);
      const operations =
        flaw === 'operations-not-json'
          ? '{"query": '
          : JSON.stringify({ query: IMPORT, variables: { file: null, dryRun, skipInvalid: true } });
      const map =
        flaw === 'map-to-nowhere'
          ? '{"0": ["variables.nothing.here"]}'
          : flaw === 'two-files'
            ? '{"0": ["variables.file"], "1": ["variables.file"]}'
            : '{"0": ["variables.file"]}';
      const parts = [
        part('Content-Disposition: form-data; name="operations"', operations),
        part('Content-Disposition: form-data; name="map"', map),
      ];
      if (flaw !== 'no-file') {
        parts.push(
          part(
            `Content-Disposition: form-data; name="0"; filename="${file.name}"\r\nContent-Type: text/csv`,
            file.content,
          ),
        );
      }
      if (flaw === 'two-files')
        parts.push(part('Content-Disposition: form-data; name="1"; filename="b.csv"', 'a,b\n'));
      const end = flaw === 'no-end' ? Buffer.alloc(0) : Buffer.from(`--${boundary}--\r\n`);
      return {
        label: `multipart importInnovations (${file.name}, ${file.content.length} bytes, ${flaw}) as ${principal.name}`,
        method: 'POST',
        target: '/graphql',
        headers: [
          ['Content-Type', `multipart/form-data; boundary=${boundary}`],
          ['apollo-require-preflight', 'true'],
          ...(principal.token
            ? ([['Authorization', `Bearer ${principal.token}`]] as Array<[string, string]>)
            : []),
        ],
        body: Buffer.concat([...parts, end]),
        mayGoUnanswered: flaw === 'no-end',
      };
    });
}

/**
 * Every kind of request the fuzzer sends: operations built from the schema (as each principal, over
 * each transport), malformed HTTP, and multipart uploads.
 */
export function fuzzRequest(
  schema: GraphQLSchema,
  principals: readonly Principal[],
): fc.Arbitrary<RawRequest> {
  const schemaArbitraries = new SchemaArbitraries(schema);
  const tokens = principals.flatMap((p) => (p.token ? [p.token] : []));
  const operation = fc
    .record({
      operation: schemaArbitraries.operation(),
      principal: fc.constantFrom(...principals),
      transport: fc.constantFrom<Transport>(
        'post-json',
        'post-json',
        'post-json',
        'post-json',
        'post-json',
        'post-json',
        'post-json',
        'get',
        'get',
        'post-batch',
        'post-graphql-text',
        'post-text-plain',
      ),
    })
    .map(({ operation: op, principal, transport }) => graphqlRequest(op, principal, transport));
  return fc.oneof(
    { weight: 14, arbitrary: operation },
    { weight: 5, arbitrary: malformedHttpRequest(tokens) },
    { weight: 1, arbitrary: multipartImport(principals) },
  );
}
