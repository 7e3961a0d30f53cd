/** A mistake in how the command was called: usage is printed and the exit code is 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  /** `--flag` -> true, `--option value` -> the value. */
  options: Map<string, string | true>;
}

/** Splits arguments into positionals and the known flags and options; anything else is a UsageError. */
export function parseArgs(
  argv: readonly string[],
  known: { flags?: readonly string[]; options?: readonly string[] },
): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.flags?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      options.set(name, true);
    } else if (known.options?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`${name} needs a value`);
      }
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  return { positional, options };
}
