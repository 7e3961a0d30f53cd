/**
 * Error codes of Node's sockets and of mysql2 that mean the server is not reachable (refused, reset,
 * gone away, shutting down, out of connections) rather than that the statement was wrong.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
]);

/** The same, as MySQL/MariaDB error numbers (server 1040, 1053, 1927; client 2002-2013). */
const UNREACHABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013]);

/** What ioredis and mysql2 say when a command meets a connection that is down or closing. */
const UNREACHABLE_MESSAGES = [
  /^Connection is closed\.?$/, // ioredis: the connection ended with the command pending
  /^Stream isn't writeable/, // ioredis without its offline queue
  /^Can't add new command when connection is in closed state/, // mysql2
];

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  /** mysql2: the connection is unusable after this error. */
  fatal?: unknown;
  cause?: unknown;
  /** GraphQLError: what the resolver threw. */
  originalError?: unknown;
  /** TypeORM's QueryFailedError: the driver's error. */
  driverError?: unknown;
}

function unreachable(error: ErrorLike): boolean {
  if (error.name === 'MaxRetriesPerRequestError') return true; // ioredis gave up while Redis was away
  if (typeof error.code === 'string' && UNREACHABLE_CODES.has(error.code)) return true;
  if (typeof error.errno === 'number' && UNREACHABLE_ERRNOS.has(error.errno)) return true;
  if (error.fatal === true) return true;
  return (
    typeof error.message === 'string' && UNREACHABLE_MESSAGES.some((m) => m.test(error.message as string))
  );
}

/**
 * True when an error (or what it wraps: a GraphQL error's original, TypeORM's driver error, a cause)
 * says that Redis or the database could not be reached, so that the request may well succeed a
 * moment later; false for every other failure, a bug included.
 */
export function isServiceUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as ErrorLike;
    if (unreachable(e)) return true;
    current = e.originalError ?? e.driverError ?? e.cause;
  }
  return false;
}
