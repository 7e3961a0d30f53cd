import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-code';
import { isServiceUnavailableError } from './service-unavailable';

/** Codes Apollo itself raises for a malformed request: the user's mistake, never a 500. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** An error Apollo made for a bad request: no code of its own, a 4xx HTTP status in `extensions.http`. */
function isRequestRefusedByApollo(original: unknown): boolean {
  const extensions = (original as { extensions?: Record<string, unknown> } | null)?.extensions;
  if (!extensions || extensions['code'] !== undefined) return false;
  const status = (extensions['http'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export interface FormatErrorOptions {
  /** Called with every error that is hidden from the client, so it can be logged with its stack. */
  onInternalError?: (formatted: GraphQLFormattedError, original: unknown) => void;
}

/**
 * Turns whatever a resolver threw into what a client may see: our `AppError`s pass with their code
 * and message; request errors from Apollo become `BAD_USER_INPUT`; Redis or the database out of
 * reach (refused, lost, shutting down) becomes `SERVICE_UNAVAILABLE`; anything else (driver errors,
 * SQL text, bugs) becomes `INTERNAL`; both with a generic message. Stack traces never leave the server.
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
  if (isRequestRefusedByApollo(original)) {
    // Apollo names some refusals only by their HTTP status (a persisted-query hash that does not
    // match its query): they are the client's mistake all the same
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'BAD_REQUEST' },
    };
  }
  try {
    options.onInternalError?.(formatted, original);
  } catch {
    // a failure to log must not turn the answer into Apollo's own unmasked error
  }
  if (isServiceUnavailableError(original)) {
    return {
      message: 'The service is briefly unavailable. Please try again in a moment.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  return {
    message: 'Internal server error. The incident was logged; please try again later.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL },
  };
}
