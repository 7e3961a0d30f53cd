/**
 * Ends a process that could not start: a configuration error is its one clear line, anything else
 * is printed with its stack.
 */
export function exitOnStartupFailure(processName: string): (error: unknown) => never {
  return (error: unknown) => {
    const isConfig = error instanceof Error && error.message.startsWith('Invalid configuration');
    console.error(`[${processName}] failed to start:`, isConfig ? error.message : error);
    process.exit(1);
  };
}
