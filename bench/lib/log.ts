/** Progress lines go to stderr, so stdout carries only the results table. */
export function log(message: string): void {
  console.error(`[bench] ${message}`);
}
