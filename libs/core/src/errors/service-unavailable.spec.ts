import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-code';
import { formatGraphqlError } from './format-graphql-error';
import { isServiceUnavailableError } from './service-unavailable';

/** An error shaped as a driver makes it (code, errno, fatal...). */
function driverError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

/** What a resolver's throw looks like to Apollo's formatError. */
function thrownInResolver(error: Error): { formatted: GraphQLFormattedError; original: GraphQLError } {
  const original = new GraphQLError(error.message, { originalError: error, path: ['login'] });
  return { formatted: { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, original };
}

describe('isServiceUnavailableError', () => {
  const unreachable: Array<[string, Error]> = [
    [
      'ioredis gave up retrying',
      Object.assign(new Error('Reached the max retries'), { name: 'MaxRetriesPerRequestError' }),
    ],
    ['ioredis closed with the command pending', new Error('Connection is closed.')],
    [
      'the database refuses connections',
      driverError('connect ECONNREFUSED 127.0.0.1:3306', { code: 'ECONNREFUSED', fatal: true }),
    ],
    [
      'the connection was lost',
      driverError('Connection lost: The server closed the connection.', {
        code: 'PROTOCOL_CONNECTION_LOST',
        fatal: true,
      }),
    ],
    [
      'the server is shutting down',
      driverError('Server shutdown in progress', { code: 'ER_SERVER_SHUTDOWN', errno: 1053 }),
    ],
    [
      'too many connections',
      driverError('Too many connections', { code: 'ER_CON_COUNT_ERROR', errno: 1040 }),
    ],
    ['a closed mysql2 connection', new Error("Can't add new command when connection is in closed state")],
  ];

  it.each(unreachable)('knows %s', (_, error) => {
    expect(isServiceUnavailableError(error)).toBe(true);
  });

  it('looks through GraphQL, TypeORM and cause wrappers', () => {
    const lost = driverError('Connection lost', { code: 'PROTOCOL_CONNECTION_LOST' });
    const typeorm = Object.assign(new Error('Query failed'), { driverError: lost });
    expect(isServiceUnavailableError(new GraphQLError('x', { originalError: typeorm }))).toBe(true);
    expect(isServiceUnavailableError(new Error('outer', { cause: lost }))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(
      isServiceUnavailableError(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBe(false);
    expect(
      isServiceUnavailableError(driverError('Duplicate entry', { code: 'ER_DUP_ENTRY', errno: 1062 })),
    ).toBe(false);
    expect(
      isServiceUnavailableError(driverError('You have an error in your SQL syntax', { errno: 1064 })),
    ).toBe(false);
    expect(isServiceUnavailableError(undefined)).toBe(false);
    expect(isServiceUnavailableError('Connection is closed.')).toBe(false);
  });
});

describe('formatGraphqlError for Redis and database outages', () => {
  it('answers SERVICE_UNAVAILABLE with a generic message, nothing of the driver', () => {
    const { formatted, original } = thrownInResolver(
      driverError('select * from `user` where id = 1: connect ECONNREFUSED 127.0.0.1:3306', {
        code: 'ECONNREFUSED',
        fatal: true,
      }),
    );
    const answer = formatGraphqlError(formatted, original);
    expect(answer.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE });
    expect(answer.message).not.toMatch(/ECONNREFUSED|select|3306/i);
  });

  it('still answers INTERNAL for a bug', () => {
    const { formatted, original } = thrownInResolver(new TypeError('x is not a function'));
    expect(formatGraphqlError(formatted, original).extensions).toEqual({ code: ErrorCode.INTERNAL });
  });

  it('keeps its answer when logging the hidden error fails', () => {
    const { formatted, original } = thrownInResolver(new Error('Connection is closed.'));
    const answer = formatGraphqlError(formatted, original, {
      onInternalError: () => {
        throw new Error('the logger failed');
      },
    });
    expect(answer.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE });
  });
});
