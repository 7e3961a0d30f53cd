import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { Role } from '@jipp/core';
import { csvLine, INNOVATION_COLUMNS, type ImportReport } from '@jipp/innovations';
import { createUser, seededAgency, unique } from '@jipp/testing';
import type { DataSource } from 'typeorm';
import { createFullDataSource } from './entities';

const CLI = join(__dirname, '../../../dist/apps/cli/src/main.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI, built by the test run's global setup, against this run's database. */
function cliWith(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [CLI, ...args],
      { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const cli = (...args: string[]): Promise<CliRun> => cliWith({}, ...args);

async function importJson(...args: string[]): Promise<{ code: number; report: ImportReport }> {
  return importJsonWith({}, ...args);
}

async function importJsonWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; report: ImportReport }> {
  const run = await cliWith(env, 'import', 'innovations', ...args, '--json');
  if (run.code !== 0 && run.code !== 1) throw new Error(`cli exited ${run.code}: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as ImportReport };
}

const ORIGINS = [
  ['PEMKAB', '35.10'],
  ['PEMPROV', '35'],
  ['KEMENTERIAN', 'KemenPANRB'],
  ['PEMKOT', '73.71'],
] as const;
const CATEGORIES = ['KESEHATAN', 'PENDIDIKAN', 'ADMINDUK', 'EKONOMI'];
const HEADER = [
  'registration_number',
  'title',
  'summary',
  'problem',
  'approach',
  'novelty',
  'impact',
  'category',
  'digital',
  'stage',
  'sdg_goals',
  'launch_year',
  'origin_agency_type',
  'origin_agency',
  'contact_unit',
  'contact_email',
  'reference_url',
  'awards',
];

/** Row i (1-based) of a file: unique title; odd rows carry a registration number, every fifth an award. */
function innovationRow(marker: string, i: number): Record<string, string | number> {
  const [type, key] = ORIGINS[i % ORIGINS.length]!;
  return {
    registration_number: i % 2 ? `IMP-${marker}-${i}` : '',
    title: `Inovasi Impor ${marker} nomor ${i}`,
    summary: 'Ringkasan inovasi impor untuk pengujian massal.',
    problem: 'Warga menunggu terlalu lama untuk layanan dasar di kecamatan.',
    approach: 'Petugas keliling datang ke desa setiap pekan dengan jadwal tetap.',
    novelty: 'Pertama di daerah ini.',
    impact: 'Waktu layanan turun dari 14 hari menjadi 2 hari.',
    category: `2018:${CATEGORIES[i % CATEGORIES.length]}`,
    digital: i % 3 ? 'ya' : 'tidak',
    stage: 'IMPLEMENTED',
    sdg_goals: '3;10',
    launch_year: '2018',
    origin_agency_type: type,
    origin_agency: key,
    contact_unit: 'Dinas Kependudukan',
    contact_email: `inovasi${i}@uji.go.id`,
    reference_url: `https://uji.go.id/inovasi/${i}`,
    awards: i % 5 === 0 ? 'KIPP:2019:TOP_99' : '',
  };
}

describe('cli import and export of innovations', () => {
  let dataSource: DataSource;
  let dir: string;
  const marker = unique('imp');
  const xlsxMarker = unique('xls');
  const csvFile = (): string => join(dir, 'inovasi.csv');

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await dataSource.query(sql, params)) as Array<{ n: string }>)[0]!.n);
  const ownRows = (m: string): Promise<number> =>
    count('SELECT COUNT(*) AS n FROM innovation WHERE title LIKE ?', [`%${m}%`]);

  beforeAll(async () => {
    dataSource = createFullDataSource(process.env['DATABASE_URL']!, 1);
    await dataSource.initialize();
    dir = await mkdtemp(join(tmpdir(), 'jipp-import-'));
    // 500 rows; row 100 has a title too short (file row 101), row 350 an SDG goal 18 (file row 351)
    let text = csvLine(HEADER);
    for (let i = 1; i <= 500; i++) {
      const row = innovationRow(marker, i);
      if (i === 100) row['title'] = 'Abc';
      if (i === 350) row['sdg_goals'] = '3;18';
      text += csvLine(HEADER.map((h) => String(row[h])));
    }
    await writeFile(csvFile(), text);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file with 2 bad rows among 500: reports exactly those 2 and writes nothing (exit 1)', async () => {
    const { code, report } = await importJson(csvFile());
    expect(code).toBe(1);
    expect(report).toMatchObject({
      rowsRead: 500,
      valid: 498,
      invalid: 2,
      newRows: 498,
      created: 0,
      skippedExisting: 0,
      refused: true,
    });
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [101, 'title'],
      [351, 'sdg_goals'],
    ]);
    expect(report.problems[1]!.message).toBe('"18" is not an SDG goal (1-17)');
    expect(await ownRows(marker)).toBe(0);
  });

  it('--dry-run checks and writes nothing', async () => {
    const { code, report } = await importJson(csvFile(), '--skip-invalid', '--dry-run');
    expect(code).toBe(0);
    expect(report).toMatchObject({ dryRun: true, refused: false, newRows: 498, created: 0 });
    expect(await ownRows(marker)).toBe(0);
  });

  it('--skip-invalid writes the 498 valid rows as published innovations, with awards, audit and outbox rows', async () => {
    const admin = await createUser(dataSource, {
      role: Role.ADMIN,
      agencyId: (await seededAgency(dataSource, 'KemenPANRB')).id,
    });
    const { code, report } = await importJson(csvFile(), '--skip-invalid', '--as', admin.email);
    expect(code).toBe(0);
    expect(report).toMatchObject({ invalid: 2, created: 498, skippedExisting: 0, refused: false });
    expect(await ownRows(marker)).toBe(498);
    const like = [`%${marker}%`];
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM innovation WHERE title LIKE ? AND status = 'PUBLISHED' AND published_at IS NOT NULL AND created_by_user_id = ?",
        [...like, admin.id],
      ),
    ).toBe(498);
    // every fifth row has an award; rows 100 and 350 were invalid
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM innovation_award a JOIN innovation i ON i.id = a.innovation_id WHERE i.title LIKE ?',
        like,
      ),
    ).toBe(98);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log l JOIN innovation i ON l.entity_id = CAST(i.id AS CHAR) WHERE l.action = 'innovation.import' AND l.actor_user_id = ? AND i.title LIKE ?",
        [admin.id, ...like],
      ),
    ).toBe(498);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM outbox_event o JOIN innovation i ON o.aggregate_id = CAST(i.id AS CHAR) WHERE o.type = 'innovation.published' AND i.title LIKE ?",
        like,
      ),
    ).toBe(498);
    // region codes and agency short names resolved to the right agencies
    const banyuwangi = await seededAgency(dataSource, 'Pemkab Banyuwangi');
    expect(
      await count('SELECT COUNT(*) AS n FROM innovation WHERE title LIKE ? AND origin_agency_id = ?', [
        ...like,
        banyuwangi.id,
      ]),
    ).toBe(124);
  });

  it('a second run writes 0 more: every valid row is reported as already in the catalogue', async () => {
    const { code, report } = await importJson(csvFile(), '--skip-invalid');
    expect(code).toBe(0);
    expect(report).toMatchObject({ created: 0, newRows: 0, skippedExisting: 498, invalid: 2 });
    expect(report.skipped[0]).toMatchObject({ row: 2, message: 'skipped: already in the catalogue' });
    expect(await ownRows(marker)).toBe(498);
  });

  it('imports an .xlsx workbook the same way', async () => {
    const file = join(dir, 'inovasi.xlsx');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Inovasi');
    sheet.addRow(HEADER);
    for (let i = 1; i <= 20; i++) {
      const row = innovationRow(xlsxMarker, i);
      const cells: Array<string | number> = HEADER.map((h) => row[h]!);
      cells[HEADER.indexOf('launch_year')] = i === 6 ? 1900 : 2018; // numbers, as a spreadsheet stores them
      if (row['origin_agency'] === '35.10') cells[HEADER.indexOf('origin_agency')] = 35.1;
      sheet.addRow(cells);
    }
    await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const refused = await importJson(file);
    expect(refused.code).toBe(1);
    expect(refused.report.problems.map((p) => [p.row, p.column])).toEqual([[7, 'launch_year']]);
    expect(await ownRows(xlsxMarker)).toBe(0);

    const taken = await importJson(file, '--skip-invalid');
    expect(taken.code).toBe(0);
    expect(taken.report.created).toBe(19);
    const again = await importJson(file, '--skip-invalid');
    expect(again.report).toMatchObject({ created: 0, skippedExisting: 19 });
    expect(await ownRows(xlsxMarker)).toBe(19);
  });

  it('writes a file once when imported twice at the same time, also on a one-connection pool', async () => {
    const twice = unique('dua');
    const file = join(dir, 'dua-kali.csv');
    let text = csvLine(HEADER);
    for (let i = 1; i <= 30; i++) {
      const row = innovationRow(twice, i);
      row['registration_number'] = ''; // matched on origin agency and title only
      text += csvLine(HEADER.map((h) => String(row[h])));
    }
    await writeFile(file, text);
    const [a, b] = await Promise.all([importJson(file), importJsonWith({ DATABASE_POOL_SIZE: '1' }, file)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.report.created + b.report.created).toBe(30);
    expect(a.report.skippedExisting + b.report.skippedExisting).toBe(30);
    expect(await ownRows(twice)).toBe(30);
  });

  it('exports documented CSV that imports back into the same database as 0 new rows', async () => {
    const out = join(dir, 'katalog.csv');
    const exported = await cli('export', 'innovations', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/\[cli\] ekspor: \d+ inovasi terbit ditulis ke/);
    const text = await readFile(out, 'utf8');
    const lines = text.split('\n');
    const docs = lines.filter((l) => l.startsWith('#'));
    for (const column of INNOVATION_COLUMNS) {
      expect(docs.some((d) => d.startsWith(`# ${column.name} — `))).toBe(true);
    }
    const header = lines[docs.length]!;
    expect(header).toBe(INNOVATION_COLUMNS.map((c) => c.name).join(','));
    expect(lines.slice(0, docs.length).every((l) => l.startsWith('#'))).toBe(true);
    // contacts stay out of the open-data export unless asked for
    expect(text).not.toContain('inovasi3@uji.go.id');

    // this file's own rows (other test files add innovations to the shared database meanwhile)
    const own = lines.filter((l, i) => i <= docs.length || l.includes(marker) || l.includes(xlsxMarker));
    expect(own.length - docs.length - 1).toBe(498 + 19);
    const roundTrip = join(dir, 'round-trip.csv');
    await writeFile(roundTrip, own.join('\n') + '\n');
    const { code, report } = await importJson(roundTrip);
    expect(code).toBe(0);
    expect(report).toMatchObject({ invalid: 0, created: 0, newRows: 0, skippedExisting: 498 + 19 });

    const withContacts = await cli('export', 'innovations', '--with-contacts');
    expect(withContacts.code).toBe(0);
    expect(withContacts.stdout).toContain('inovasi3@uji.go.id');
    expect(withContacts.stderr).toMatch(/\[cli\] ekspor: \d+ inovasi terbit \(dengan kontak\)/);
  });

  it('refuses a file whose header is not an innovation header (exit 1, BAD_USER_INPUT)', async () => {
    const file = join(dir, 'salah.csv');
    await writeFile(file, csvLine(['tittle', 'summary']) + csvLine(['Satu', 'Dua']));
    const run = await cli('import', 'innovations', file, '--json');
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.stdout) as { error: { code: string; problems: Array<{ field: string }> } };
    expect(answer.error.code).toBe('BAD_USER_INPUT');
    expect(answer.error.problems.map((p) => p.field)).toContain('tittle');
    expect(answer.error.problems.map((p) => p.field)).toContain('title');
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await cli('import', 'innovations')).code).toBe(2);
    expect((await cli('import', 'innovations', join(dir, 'tidak-ada.csv'))).code).toBe(2);
    expect((await cli('import', 'innovations', csvFile(), '--bogus')).code).toBe(2);
    expect((await cli('import', 'agencies', csvFile())).code).toBe(2);
    expect((await cli('export', 'innovations', '--out')).code).toBe(2);
    const notAdmin = await cli('import', 'innovations', csvFile(), '--as', 'tidak-ada@uji.go.id');
    expect(notAdmin.code).toBe(2);
    expect(notAdmin.stderr).toMatch(/no active ADMIN user/);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('prints a readable report', async () => {
    const run = await cli('import', 'innovations', csvFile());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/baris 101, kolom title: must be 5-200 characters long \(it has 3\)/);
    expect(run.stdout).toMatch(/DITOLAK: 2 baris tidak valid/);
  });
});
