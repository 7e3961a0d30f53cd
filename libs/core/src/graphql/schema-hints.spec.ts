import { withoutSchemaHints } from './schema-hints';

describe('withoutSchemaHints', () => {
  it('drops the "Did you mean ...?" at the end of a message, and keeps the rest of the error', () => {
    const error = {
      message: 'Cannot query field "provincez" on type "Query". Did you mean "province" or "provinces"?',
      extensions: { code: 'BAD_USER_INPUT' },
      locations: [{ line: 1, column: 3 }],
    };
    expect(withoutSchemaHints(error)).toEqual({
      ...error,
      message: 'Cannot query field "provincez" on type "Query".',
    });
  });

  it('drops the hint of a variable error too', () => {
    const message =
      'Variable "$s" got invalid value "TRIALL" at "s[0]"; Value "TRIALL" does not exist in "InnovationStage" enum. Did you mean the enum value "TRIAL"?';
    expect(withoutSchemaHints({ message }).message).toBe(
      'Variable "$s" got invalid value "TRIALL" at "s[0]"; Value "TRIALL" does not exist in "InnovationStage" enum.',
    );
  });

  it('leaves an error without a hint as it is', () => {
    const error = { message: 'Query is too deep: depth 11, at most 10 allowed.' };
    expect(withoutSchemaHints(error)).toBe(error);
  });
});
