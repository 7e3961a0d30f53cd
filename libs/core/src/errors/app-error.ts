import { GraphQLError } from 'graphql';
import { ErrorCode, HTTP_STATUS_BY_CODE } from './error-code';

export interface FieldProblem {
  /** Dotted path of the input field, e.g. `input.name`. */
  field: string;
  message: string;
}

/**
 * An error meant for the user: its message and `extensions` reach the client as they are. Anything
 * else thrown inside a resolver is reported as `INTERNAL` with a generic message.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions['code'] as ErrorCode;
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  static badInput(message: string, problems: FieldProblem[] = []): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, problems.length ? { problems } : {});
  }

  static unauthenticated(message = 'Sign in first: this operation needs a valid access token.'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'You are not allowed to do this.'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  static notFound(what: string, key?: string | number): AppError {
    return new AppError(
      ErrorCode.NOT_FOUND,
      key === undefined ? `${what} not found.` : `${what} ${key} not found.`,
    );
  }

  static conflict(message: string, extensions: Record<string, unknown> = {}): AppError {
    return new AppError(ErrorCode.CONFLICT, message, extensions);
  }

  /** The object is in a state that does not allow this step; says which steps it allows. */
  static badTransition(message: string, current: string, allowed: string[]): AppError {
    return new AppError(ErrorCode.BAD_TRANSITION, message, { current, allowed });
  }

  static rateLimited(message: string, retryAfterSeconds: number): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
  }
}
