import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

/** Reads `.env.services` (written by scripts/services.sh) without touching process.env. */
export function readServicesEnv(): Record<string, string> {
  const file = join(ROOT, '.env.services');
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** The database URL of this test run: the configured test database with a per-run name. */
export function runDatabaseUrl(baseUrl: string, runId: string): { url: string; name: string } {
  const url = new URL(baseUrl);
  const base = url.pathname.replace(/^\//, '') || 'jipp_test';
  const name = `${base}_${runId}`;
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}
