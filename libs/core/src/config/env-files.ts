import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { type Environment, validateEnvironment } from './environment';

/** Your settings (`.env`) and what scripts/services.sh found (`.env.services`), first file wins. */
export const ENV_FILES = ['.env', '.env.services'];

/** The variables the env files define, without touching process.env. */
export function readEnvFiles(files: string[] = ENV_FILES): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of [...files].reverse()) {
    if (existsSync(file)) Object.assign(merged, parse(readFileSync(file)));
  }
  return merged;
}

/**
 * The validated configuration as the config module will see it (real environment over the env
 * files), for what must be known before Nest starts, e.g. the HTTP adapter's proxy trust.
 */
export function loadEnvironment(): Environment {
  return validateEnvironment({ ...readEnvFiles(), ...process.env });
}
