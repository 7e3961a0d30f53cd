import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { AppError, validationExceptionFactory } from '@jipp/core';

/**
 * `@nestjs/graphql` tags a resolver's parameters with its `GqlParamtype` numbers (not exported by the
 * package): 0 the parent object, 1 the context, 2 the info, 3 the arguments.
 */
const GRAPHQL_ARGS = 3;

/** A UTF-16 surrogate that is not half of a pair: JSON can carry one, UTF-8 (and so MySQL) cannot. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The dotted path of the first string in `value` that holds a lone surrogate, if any. GraphQL arguments
 * nest only as deep as the input types do; the bound keeps anything else from walking forever.
 */
function badTextAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 16) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = badTextAt(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The global ValidationPipe, for what the caller sends: GraphQL arguments and HTTP bodies, queries and
 * params. A field resolver's parent, the context and the info are the server's own objects: validating
 * them would copy every parent with class-transformer on every field of every row (the catalogue page
 * paid ~0.2 ms a request for it) and check nothing a client chose.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      exceptionFactory: validationExceptionFactory,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.type as ArgumentMetadata['type'] | number;
    if (typeof type === 'number' && type !== GRAPHQL_ARGS) return value;
    // before class-validator: its isEmail, isURL... throw a URIError on such text
    const field = type === 'custom' ? undefined : badTextAt(value, metadata.data ?? 'input');
    if (field) {
      throw AppError.badInput(`Invalid input: ${field} is not valid Unicode text.`, [
        { field, message: 'is not valid Unicode text (it holds a lone surrogate)' },
      ]);
    }
    return super.transform(value, metadata);
  }
}
