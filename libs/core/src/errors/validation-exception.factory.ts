import type { ValidationError } from 'class-validator';
import { AppError, type FieldProblem } from './app-error';

function collect(errors: ValidationError[], parent: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message });
    }
    if (error.children?.length) collect(error.children, field, out);
  }
}

/** Used by the global ValidationPipe: every invalid field, as `BAD_USER_INPUT`. */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  const problems: FieldProblem[] = [];
  collect(errors, '', problems);
  const first = problems[0];
  const summary = first
    ? `Invalid input: ${first.field} ${first.message.replace(/^\S+\s/, '')}`
    : 'Invalid input.';
  return AppError.badInput(
    problems.length > 1 ? `${summary} (and ${problems.length - 1} more)` : summary,
    problems,
  );
}
