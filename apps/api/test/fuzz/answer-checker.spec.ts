import { answerProblems, errorCodesIn, looksLikeInternals } from './answer-checker';

const json = (value: unknown): string => JSON.stringify(value);

describe('the fuzzer answer checker', () => {
  it('passes clean answers: data, user errors, plain-text refusals', () => {
    expect(answerProblems({ status: 200, body: json({ data: { provinces: [{ code: '35' }] } }) })).toEqual(
      [],
    );
    expect(
      answerProblems({
        status: 400,
        body: json({
          errors: [{ message: 'Syntax Error: Unexpected "}".', extensions: { code: 'BAD_USER_INPUT' } }],
        }),
      }),
    ).toEqual([]);
    expect(answerProblems({ status: 415, body: 'Unsupported Media Type' })).toEqual([]);
    expect(answerProblems({ status: null, body: '' }, { mayGoUnanswered: true })).toEqual([]);
  });

  it('flags server errors and internal error codes, ours and Apollo’s', () => {
    expect(answerProblems({ status: 502, body: '' })).toEqual(['HTTP 502']);
    expect(
      answerProblems({
        status: 200,
        body: json({ errors: [{ message: 'x', extensions: { code: 'INTERNAL' } }] }),
      }),
    ).toEqual(['an INTERNAL error code']);
    expect(
      answerProblems({
        status: 200,
        body: json([{ errors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }]),
      }),
    ).toEqual(['an INTERNAL_SERVER_ERROR error code']);
    expect(answerProblems({ status: null, body: '' })).toEqual([
      'no answer: the connection closed or timed out',
    ]);
  });

  it('flags stack traces, SQL and file paths anywhere in the body', () => {
    const cases: Array<[string, string]> = [
      ['TypeError: x\n    at Foo.bar (/srv/app/dist/main.js:12:5)', 'a stack trace'],
      ['at processTicksAndRejections (node:internal/process/task_queues:95:5)', 'a stack trace'],
      [json({ extensions: { stacktrace: ['Error'] } }), 'a stacktrace extension'],
      ["SELECT `u`.`id` FROM `user` `u` WHERE email = 'x'", 'SQL or a driver error'],
      ['INSERT INTO audit_log VALUES (1)', 'SQL or a driver error'],
      ["ER_DUP_ENTRY: Duplicate entry 'a' for key 'slug'", 'SQL or a driver error'],
      [json({ sqlMessage: 'boom' }), 'SQL or a driver error'],
      ["Incorrect string value: '\\xF0' for column", 'SQL or a driver error'],
      ['ENOENT: no such file, open /work/main/apps/api/schema.gql', 'a file path'],
      ['Cannot find module node_modules/foo', 'a file path'],
      ['at innovations.service.ts:42', 'a file path'],
    ];
    for (const [body, leak] of cases) {
      expect(answerProblems({ status: 200, body })).toContain(`the body shows ${leak}`);
    }
  });

  it('does not take ordinary text for internals', () => {
    for (const text of [
      'Waktu layanan turun dari 14 hari menjadi 2 hari.',
      'Select a province at the top of the page',
      'Variable "$first" got invalid value "x"; Int cannot represent non-integer value: "x"',
      'Query is too expensive: cost 33967, at most 5000 allowed.',
      'The `Upload` scalar type represents a file upload.',
    ]) {
      expect(looksLikeInternals(text)).toBe(false);
    }
  });

  it('reads the error codes of an answer, a batch of answers, or none from text', () => {
    expect(
      errorCodesIn(json({ errors: [{ extensions: { code: 'A' } }, { extensions: { code: 'B' } }] })),
    ).toEqual(['A', 'B']);
    expect(errorCodesIn(json([{ errors: [{ extensions: { code: 'C' } }] }, { data: {} }]))).toEqual(['C']);
    expect(errorCodesIn('<html>not json</html>')).toEqual([]);
  });
});
