import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { InnovationExportService } from '@jipp/innovations';
import { parseArgs, UsageError } from './cli-args';

export interface ExportArgs {
  /** null: stdout. */
  out: string | null;
  withContacts: boolean;
}

/** `export innovations [--out FILE] [--with-contacts]`, checked before the app boots. */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const { positional, options } = parseArgs(argv, { flags: ['--with-contacts'], options: ['--out'] });
  const [what, ...extra] = positional;
  if (what !== 'innovations') throw new UsageError('export what? only `export innovations` exists');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const out = options.get('--out');
  return { out: typeof out === 'string' ? out : null, withContacts: options.has('--with-contacts') };
}

/** Streams the published catalogue as CSV, batch by batch, to a file or stdout. */
export async function exportInnovationsCommand(
  app: INestApplicationContext,
  args: ExportArgs,
): Promise<number> {
  const target: Writable = args.out ? createWriteStream(args.out) : process.stdout;
  let rows = 0;
  const failed = new Promise<never>((_, reject) => target.on('error', reject));
  const write = async (): Promise<void> => {
    const pieces = app.get(InnovationExportService).csv({
      includeContacts: args.withContacts,
      onRows: (n) => (rows = n),
    });
    for await (const piece of pieces) {
      if (!target.write(piece)) await Promise.race([once(target, 'drain'), failed]);
    }
    if (args.out) {
      target.end();
      await Promise.race([once(target, 'finish'), failed]);
    }
  };
  try {
    await Promise.race([write(), failed]);
  } catch (error) {
    // the reader went away (`| head`): like any Unix tool, stop quietly
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw error;
  }
  // the summary never mixes into the CSV on stdout
  const summary = `[cli] ekspor: ${rows} inovasi terbit${args.out ? ` ditulis ke ${args.out}` : ''}${args.withContacts ? ' (dengan kontak)' : ''}`;
  if (args.out) console.log(summary);
  else console.error(summary);
  return 0;
}
