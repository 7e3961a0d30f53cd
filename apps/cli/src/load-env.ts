import { existsSync, readFileSync } from 'node:fs';

/** Loads `.env` and `.env.services` into process.env without overriding what is set. */
export function config(files = ['.env', '.env.services']): void {
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
      if (match && process.env[match[1]!] === undefined)
        process.env[match[1]!] = match[2]!.replace(/^["']|["']$/g, '');
    }
  }
}
