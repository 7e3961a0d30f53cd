import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@jipp/core';
import { csvLine, INNOVATION_COLUMNS, InnovationStatus, type ImportReport } from '@jipp/innovations';
import { createInnovation, unique } from '@jipp/testing';
import { errorCode, type GqlResponse, startTestApi, type TestApi } from './api-harness';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../dist/apps/cli/src/main.js');

const IMPORT = `mutation($file: Upload!, $dryRun: Boolean, $skipInvalid: Boolean) {
  importInnovations(file: $file, dryRun: $dryRun, skipInvalid: $skipInvalid) {
    rowsRead valid invalid newRows created skippedExisting dryRun refused
    problems { row column message }
    skipped { row innovationId slug message }
  }
}`;

const HEADER = [
  'title',
  'summary',
  'problem',
  'approach',
  'novelty',
  'impact',
  'category',
  'digital',
  'stage',
  'launch_year',
  'origin_agency_type',
  'origin_agency',
];

/** A small CSV: `rows` innovations of Pemkab Banyuwangi; row `bad` (a file row number) names no category. */
function csvFile(marker: string, rows: number, bad?: number): string {
  let text = csvLine(HEADER);
  for (let i = 1; i <= rows; i++) {
    text += csvLine([
      `Unggah Inovasi ${marker} ke-${i}`,
      'Ringkasan inovasi yang diunggah lewat GraphQL.',
      'Warga menunggu terlalu lama untuk layanan dasar.',
      'Petugas datang ke desa setiap pekan dengan jadwal tetap.',
      'Pertama di sini.',
      'Waktu layanan turun menjadi 2 hari.',
      i + 1 === bad ? '2018:TIDAK_ADA' : '2018:KESEHATAN',
      'ya',
      'TRIAL',
      '2020',
      'PEMKAB',
      '35.10',
    ]);
  }
  return text;
}

interface UploadOptions {
  token?: string;
  name?: string;
  type?: string;
  variables?: Record<string, unknown>;
  preflight?: boolean;
}

describe('innovation import (multipart upload) and export over GraphQL', () => {
  let api: TestApi;
  let dir: string;

  /** A GraphQL multipart request (the spec Apollo clients speak) with one file. */
  async function upload(
    content: Buffer | string,
    options: UploadOptions = {},
  ): Promise<GqlResponse<{ importInnovations: ImportReport }>> {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({ query: IMPORT, variables: { file: null, ...options.variables } }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append(
      '0',
      new Blob([typeof content === 'string' ? content : new Uint8Array(content)], {
        type: options.type ?? 'text/csv',
      }),
      options.name ?? 'inovasi.csv',
    );
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        ...(options.preflight === false ? {} : { 'apollo-require-preflight': 'true' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: form,
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  const ownRows = async (marker: string): Promise<number> =>
    Number(
      (
        (await api.dataSource.query('SELECT COUNT(*) AS n FROM innovation WHERE title LIKE ?', [
          `%${marker}%`,
        ])) as Array<{
          n: string;
        }>
      )[0]!.n,
    );

  beforeAll(async () => {
    api = await startTestApi();
    dir = await mkdtemp(join(tmpdir(), 'jipp-upload-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes an upload from a national admin and answers the same report as the CLI', async () => {
    const { token } = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    const marker = unique('up');
    const text = csvFile(marker, 5, 4);

    const refused = await upload(text, { token });
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.importInnovations).toEqual({
      rowsRead: 5,
      valid: 4,
      invalid: 1,
      newRows: 4,
      created: 0,
      skippedExisting: 0,
      dryRun: false,
      refused: true,
      problems: [{ row: 4, column: 'category', message: 'there is no category TIDAK_ADA for 2018' }],
      skipped: [],
    });
    expect(await ownRows(marker)).toBe(0);

    // the same file through the real CLI gives the same report
    const dryRun = await upload(text, { token, variables: { dryRun: true, skipInvalid: true } });
    const file = join(dir, `${marker}.csv`);
    await writeFile(file, text);
    const cli = await run('node', [
      CLI,
      'import',
      'innovations',
      file,
      '--dry-run',
      '--skip-invalid',
      '--json',
    ]);
    const { file: _file, ...cliReport } = JSON.parse(cli.stdout) as ImportReport & { file: string };
    expect(dryRun.data!.importInnovations).toEqual(cliReport);
    expect(cliReport).toMatchObject({ dryRun: true, newRows: 4, created: 0 });

    const taken = await upload(text, { token, variables: { skipInvalid: true } });
    expect(taken.data!.importInnovations).toMatchObject({ created: 4, invalid: 1, refused: false });
    expect(await ownRows(marker)).toBe(4);
    const again = await upload(text, { token, variables: { skipInvalid: true } });
    expect(again.data!.importInnovations).toMatchObject({ created: 0, skippedExisting: 4 });
    expect(again.data!.importInnovations.skipped[0]).toMatchObject({
      row: 2,
      message: 'skipped: already in the catalogue',
    });
    expect(await ownRows(marker)).toBe(4);
  });

  it('refuses members (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const marker = unique('up');
    const { token } = await api.signInAs(Role.MEMBER, 'Pemkab Banyuwangi');
    expect(errorCode(await upload(csvFile(marker, 2), { token, variables: { skipInvalid: true } }))).toBe(
      'FORBIDDEN',
    );
    const { token: agencyAdmin } = await api.signInAs(Role.AGENCY_ADMIN, 'Pemkab Banyuwangi');
    expect(errorCode(await upload(csvFile(marker, 2), { token: agencyAdmin }))).toBe('FORBIDDEN');
    expect(errorCode(await upload(csvFile(marker, 2)))).toBe('UNAUTHENTICATED');
    expect(await ownRows(marker)).toBe(0);
  });

  it('answers BAD_USER_INPUT for a file that is not CSV or XLSX, or not an innovation file', async () => {
    const { token } = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.alloc(200, 0xff),
    ]);
    const garbage = await upload(png, { token, name: 'foto.png', type: 'image/png' });
    expect(errorCode(garbage)).toBe('BAD_USER_INPUT');
    expect(garbage.errors![0]!.message).toMatch(/neither an XLSX workbook nor/);

    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect(errorCode(await upload(zip, { token, name: 'rusak.xlsx' }))).toBe('BAD_USER_INPUT');

    const notInnovations = await upload('nama,alamat\nBudi,Jalan Merdeka\n', { token });
    expect(errorCode(notInnovations)).toBe('BAD_USER_INPUT');
    expect(notInnovations.errors![0]!.extensions!['problems']).toEqual(
      expect.arrayContaining([{ field: 'nama', message: expect.stringMatching(/^unknown column/) }]),
    );
  });

  it('refuses an upload over 10 MB with BAD_USER_INPUT', async () => {
    const { token } = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), { token });
    expect(errorCode(big)).toBe('BAD_USER_INPUT');
    expect(big.errors![0]!.message).toBe('The file is larger than 10 MB.');
  });

  it("keeps Apollo's CSRF prevention: a multipart request without a preflight header is refused", async () => {
    const { token } = await api.signInAs(Role.ADMIN, 'KemenPANRB');
    const marker = unique('up');
    const res = await upload(csvFile(marker, 2), {
      token,
      preflight: false,
      variables: { skipInvalid: true },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/CSRF/);
    expect(await ownRows(marker)).toBe(0);
  });

  it('refuses multipart bodies on other routes', async () => {
    const form = new FormData();
    form.append('x', 'y');
    const res = await fetch(`${api.url}/health/live`, { method: 'POST', body: form });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('exports the published catalogue only, as documented CSV; contacts for signed-in users only', async () => {
    const published = await createInnovation(api.dataSource, {
      title: `Ekspor Terbit ${unique('e')}`,
      contactEmail: `kontak-${unique('k')}@uji.go.id`,
      registrationNumber: unique('REG'),
    });
    const draft = await createInnovation(api.dataSource, {
      title: `Ekspor Draf ${unique('e')}`,
      status: InnovationStatus.DRAFT,
    });

    const res = await api.gql<{ innovationExport: string }>('{ innovationExport }');
    expect(res.errors).toBeUndefined();
    const csv = res.data!.innovationExport;
    const lines = csv.split('\n');
    for (const column of INNOVATION_COLUMNS) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^# ${column.name} — .+ / .+`)));
    }
    const docs = lines.filter((l) => l.startsWith('#')).length;
    expect(lines[docs]).toBe(INNOVATION_COLUMNS.map((c) => c.name).join(','));
    const row = lines.find((l) => l.includes(published.title))!;
    expect(row).toBeDefined();
    expect(row.startsWith(`${published.registrationNumber},${published.slug},${published.title},`)).toBe(
      true,
    );
    expect(row).toContain(
      ',2018:KESEHATAN,tidak,IMPLEMENTED,16,2019,PEMKAB,35.10,Pemerintah Kabupaten Banyuwangi,',
    );
    expect(csv).not.toContain(draft.title);
    expect(csv).not.toContain(published.contactEmail);

    const { token } = await api.signInAs(Role.MEMBER, 'Pemkot Makassar');
    const signedIn = await api.gql<{ innovationExport: string }>('{ innovationExport }', {}, token);
    expect(signedIn.data!.innovationExport).toContain(published.contactEmail);
  });
});
