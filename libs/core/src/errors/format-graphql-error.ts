import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-code';

/** Codes Apollo itself raises for a malformed request: the user's mistake, never a 500. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export interface FormatErrorOptions {
  /** Called with every error that is hidden from the client, so it can be logged with its stack. */
  onInternalError?: (formatted: GraphQLFormattedError, original: unknown) => void;
}

/**
 * Turns whatever a resolver threw into what a client may see: our `AppError`s pass with their code
 * and message; request errors from Apollo become `BAD_USER_INPUT`; anything else (driver errors,
 * SQL text, bugs) becomes `INTERNAL` with a generic message. Stack traces never leave the server.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  original: unknown,
  options: FormatErrorOptions = {},
): GraphQLFormattedError {
  const code = typeof formatted.extensions?.['code'] === 'string' ? formatted.extensions['code'] : undefined;
  const {
    stacktrace: _stack,
    exception: _exception,
    originalError: _originalError,
    ...extensions
  } = formatted.extensions ?? {};

  if (code && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (code && REQUEST_ERROR_CODES.has(code)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code },
    };
  }
  options.onInternalError?.(formatted, original);
  return {
    message: 'Internal server error. The incident was logged; please try again later.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL },
  };
}
