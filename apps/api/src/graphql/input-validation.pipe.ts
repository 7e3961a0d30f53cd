import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { validationExceptionFactory } from '@jipp/core';

/**
 * `@nestjs/graphql` tags a resolver's parameters with its `GqlParamtype` numbers (not exported by the
 * package): 0 the parent object, 1 the context, 2 the info, 3 the arguments.
 */
const GRAPHQL_ARGS = 3;

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
    return super.transform(value, metadata);
  }
}
