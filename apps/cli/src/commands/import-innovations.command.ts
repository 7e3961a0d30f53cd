import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SingleBar } from 'cli-progress';
import { User, UserStatus } from '@jipp/auth';
import { AppError, Role } from '@jipp/core';
import { type ImportProgress, type ImportReport, InnovationImportService } from '@jipp/innovations';
import type { DataSource } from 'typeorm';
import { parseArgs, UsageError } from './cli-args';

export interface ImportArgs {
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  asEmail: string | null;
  json: boolean;
}

/** Lines of problems and skipped rows printed in the readable report (all are in --json). */
const MAX_LINES = 200;

/** `import innovations FILE [--dry-run] [--skip-invalid] [--as EMAIL] [--json]`, checked before the app boots. */
export async function parseImportArgs(argv: readonly string[]): Promise<ImportArgs> {
  const { positional, options } = parseArgs(argv, {
    flags: ['--dry-run', '--skip-invalid', '--json'],
    options: ['--as'],
  });
  const [what, file, ...extra] = positional;
  if (what !== 'innovations') throw new UsageError('import what? only `import innovations FILE` exists');
  if (!file) throw new UsageError('import innovations needs a FILE (.csv or .xlsx)');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`${file} is not a readable file`);
  const as = options.get('--as');
  return {
    file,
    dryRun: options.has('--dry-run'),
    skipInvalid: options.has('--skip-invalid'),
    asEmail: typeof as === 'string' ? as : null,
    json: options.has('--json'),
  };
}

/** Exit code: 0 when the file was taken (or checked with --dry-run), 1 when it was refused. */
export async function importInnovationsCommand(
  app: INestApplicationContext,
  args: ImportArgs,
): Promise<number> {
  const actorUserId = args.asEmail ? await adminId(app, args.asEmail) : null;
  const content = await readFile(args.file);
  const progress = progressBar();
  let report: ImportReport;
  try {
    report = await app.get(InnovationImportService).importFile(content, {
      actorUserId,
      dryRun: args.dryRun,
      skipInvalid: args.skipInvalid,
      onProgress: progress.update,
    });
  } catch (error) {
    progress.stop();
    if (!(error instanceof AppError)) throw error;
    const problems =
      (error.extensions['problems'] as Array<{ field: string; message: string }> | undefined) ?? [];
    if (args.json) {
      console.log(
        JSON.stringify(
          { file: args.file, error: { code: error.code, message: error.message, problems } },
          null,
          2,
        ),
      );
    } else {
      console.error(`[cli] berkas ${basename(args.file)} ditolak: ${error.message}`);
    }
    return 1;
  }
  progress.stop();
  if (args.json) console.log(JSON.stringify({ file: args.file, ...report }, null, 2));
  else printReport(basename(args.file), report);
  return report.refused ? 1 : 0;
}

/** The id of the active national admin with this e-mail, for the audit log. */
async function adminId(app: INestApplicationContext, email: string): Promise<number> {
  const user = await app
    .get<DataSource>(getDataSourceToken())
    .getRepository(User)
    .findOneBy({ email: email.trim().toLowerCase() });
  if (!user || user.status !== UserStatus.ACTIVE || user.role !== Role.ADMIN) {
    throw new UsageError(`--as ${email}: no active ADMIN user has this e-mail`);
  }
  return user.id;
}

const PHASES: Record<ImportProgress['phase'], string> = { check: 'Memeriksa', write: 'Menyimpan' };

/** A progress bar on a terminal; nothing when stdout is a pipe or a file. */
function progressBar(): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!process.stdout.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{phase} [{bar}] {value}/{total} baris',
    hideCursor: true,
    clearOnComplete: true,
  });
  let phase: string | null = null;
  return {
    update: (p) => {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, { phase: PHASES[p.phase].padEnd(9) });
      } else {
        bar.update(p.done);
      }
    },
    stop: () => {
      if (phase) bar.stop();
      phase = null;
    },
  };
}

function printReport(file: string, report: ImportReport): void {
  const lines = [
    `[cli] impor inovasi dari ${file}${report.dryRun ? ' (uji coba, --dry-run)' : ''}`,
    `  baris data            ${report.rowsRead}`,
    `  valid                 ${report.valid}`,
    `  tidak valid           ${report.invalid}`,
    `  sudah ada (dilewati)  ${report.skippedExisting}`,
    `  baru                  ${report.newRows}`,
    `  dibuat                ${report.created}`,
  ];
  if (report.problems.length > 0) {
    lines.push(`  masalah (${report.problems.length}):`);
    for (const p of report.problems.slice(0, MAX_LINES)) {
      lines.push(`    baris ${p.row}${p.column ? `, kolom ${p.column}` : ''}: ${p.message}`);
    }
    if (report.problems.length > MAX_LINES) {
      lines.push(`    ... dan ${report.problems.length - MAX_LINES} masalah lain (semuanya ada di --json)`);
    }
  }
  if (report.skipped.length > 0) {
    lines.push(`  dilewati karena sudah ada di katalog (${report.skipped.length}):`);
    for (const s of report.skipped.slice(0, 20)) lines.push(`    baris ${s.row}: ${s.slug}`);
    if (report.skipped.length > 20) lines.push(`    ... dan ${report.skipped.length - 20} lainnya`);
  }
  if (report.refused) {
    lines.push(
      `[cli] DITOLAK: ${report.invalid} baris tidak valid, tidak ada yang disimpan. Perbaiki baris tersebut, ` +
        `atau jalankan lagi dengan --skip-invalid untuk menyimpan ${report.newRows} baris yang valid dan baru.`,
    );
  } else if (report.dryRun) {
    lines.push(`[cli] uji coba: tidak ada yang disimpan; ${report.newRows} inovasi akan dibuat.`);
  } else {
    lines.push(
      `[cli] selesai: ${report.created} inovasi dibuat dan diterbitkan` +
        (report.invalid > 0 ? `, ${report.invalid} baris tidak valid dilewati (--skip-invalid)` : '') +
        '.',
    );
  }
  console.log(lines.join('\n'));
}
