import { AgencyType } from '@jipp/agencies';
import { AwardCompetition, AwardLevel } from '../awards/award-enums';
import { InnovationStage, InnovationStatus } from '../innovations/innovation-enums';
import type { Innovation } from '../innovations/innovation.entity';
import { AgencyDirectory, type AgencyRef } from './agency-directory';
import { INNOVATION_COLUMNS, type RowContext } from './innovation-columns';
import { duplicatesInFile, readHeader, readRow, type CheckedRow } from './innovation-rows';

const agency = (id: number, type: AgencyType, regionCode: string, name: string, shortName: string | null) =>
  ({
    id,
    type,
    regionCode,
    provinceCode: regionCode.slice(0, 2),
    name,
    shortName,
    active: true,
  }) as AgencyRef;

const AGENCIES: AgencyRef[] = [
  agency(1, AgencyType.PEMKAB, '35.10', 'Pemerintah Kabupaten Banyuwangi', 'Pemkab Banyuwangi'),
  agency(2, AgencyType.PEMPROV, '35', 'Pemerintah Provinsi Jawa Timur', 'Pemprov Jawa Timur'),
  agency(3, AgencyType.KEMENTERIAN, '31', 'Kementerian Pendayagunaan Aparatur Negara', 'KemenPANRB'),
  agency(4, AgencyType.LEMBAGA, '31', 'Badan Inovasi Satu', 'BIS'),
  agency(5, AgencyType.LEMBAGA, '31', 'Badan Inovasi Sejahtera', 'BIS'),
  agency(6, AgencyType.LEMBAGA, '31', 'Lembaga Tanpa Singkatan', null),
  agency(7, AgencyType.PEMKOT, '73.71', 'Pemerintah Kota Makassar', 'Pemkot Makassar'),
];
const directory = new AgencyDirectory(AGENCIES);
const context: RowContext = {
  currentYear: 2026,
  categoryId: (year, code) => (year === 2018 && code === 'KESEHATAN' ? 42 : undefined),
};

const VALID: Record<string, string> = {
  registration_number: 'SNV-2019-001',
  slug: '',
  title: 'Akta Lahir Keliling',
  summary: 'Petugas mendatangi desa untuk menerbitkan akta kelahiran.',
  problem: 'Warga desa terpencil menempuh perjalanan jauh untuk akta kelahiran.',
  approach: 'Mobil layanan datang ke desa setiap pekan dengan jadwal tetap.',
  novelty: 'Pertama di Jawa Timur.',
  impact: 'Cakupan akta naik dari 60% menjadi 95%.',
  category: '2018:KESEHATAN',
  digital: 'tidak',
  stage: 'IMPLEMENTED',
  sdg_goals: '3;16',
  launch_year: '2017',
  origin_agency_type: 'PEMKAB',
  origin_agency: '35.10',
  contact_unit: 'Dinas Kependudukan',
  contact_name: '',
  contact_email: 'dukcapil@banyuwangikab.go.id',
  contact_phone: '',
  reference_url: 'https://banyuwangikab.go.id',
  awards: 'KIPP:2019:TOP_45',
};
const NAMES = Object.keys(VALID);
const { header } = readHeader(NAMES, 1);
const read = (changes: Record<string, string>, row = 2) =>
  readRow(
    NAMES.map((n) => changes[n] ?? VALID[n]!),
    row,
    header,
    context,
    directory,
  );

describe('import rows', () => {
  it('reads a valid row into the innovation content', () => {
    const { checked, problems } = read({});
    expect(problems).toEqual([]);
    expect(checked).toEqual({
      row: 2,
      agency: AGENCIES[0],
      data: {
        registrationNumber: 'SNV-2019-001',
        slug: null,
        title: 'Akta Lahir Keliling',
        summary: VALID['summary'],
        problem: VALID['problem'],
        approach: VALID['approach'],
        novelty: VALID['novelty'],
        impact: VALID['impact'],
        categoryId: 42,
        digital: false,
        stage: InnovationStage.IMPLEMENTED,
        sdgGoals: [3, 16],
        launchYear: 2017,
        originAgencyType: AgencyType.PEMKAB,
        originAgencyKey: '35.10',
        contactUnit: 'Dinas Kependudukan',
        contactName: null,
        contactEmail: 'dukcapil@banyuwangikab.go.id',
        contactPhone: null,
        referenceUrl: 'https://banyuwangikab.go.id',
        awards: [{ competition: AwardCompetition.KIPP, year: 2019, level: AwardLevel.TOP_45, title: null }],
      },
    });
  });

  it('reports every problem of a row with its row and column', () => {
    const { checked, problems } = read(
      { title: 'Akta', category: '2019:KESEHATAN', launch_year: '2030', contact_email: 'x@', summary: '' },
      7,
    );
    expect(checked).toBeNull();
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [7, 'title'],
      [7, 'summary'],
      [7, 'category'],
      [7, 'launch_year'],
      [7, 'contact_email'],
    ]);
    expect(problems[1]!.message).toBe('is required');
    expect(problems[2]!.message).toBe('there is no category KESEHATAN for 2019');
  });

  it('finds origin agencies by region code or by name, and says why not', () => {
    const find = (type: string, key: string) => read({ origin_agency_type: type, origin_agency: key });
    expect(find('pemprov', '35').checked?.agency.id).toBe(2);
    expect(find('PEMKOT', '73.71').checked?.agency.id).toBe(7);
    expect(find('PEMKAB', '35.1').checked?.agency.id).toBe(1); // a spreadsheet's 35.10 as a number
    expect(find('KEMENTERIAN', 'kemenpanrb').checked?.agency.id).toBe(3);
    expect(find('LEMBAGA', 'Lembaga Tanpa Singkatan').checked?.agency.id).toBe(6);
    expect(find('LEMBAGA', 'Badan Inovasi Sejahtera').checked?.agency.id).toBe(5);
    expect(find('LEMBAGA', 'BIS').problems[0]).toEqual({
      row: 2,
      column: 'origin_agency',
      message: '2 LEMBAGA agencies have the short name "BIS"; use the full name',
    });
    expect(find('PEMKAB', '35.99').problems[0]!.message).toBe('no PEMKAB agency in region 35.99');
    expect(find('PEMKAB', 'Banyuwangi').problems[0]!.message).toMatch(/must be the region code/);
    expect(find('KEMENTERIAN', 'LAN').problems[0]!.message).toMatch(/no KEMENTERIAN agency/);
    expect(find('DINAS', '35.10').problems[0]!.column).toBe('origin_agency_type');
  });

  it('gives the key that finds the same agency back', () => {
    for (const a of AGENCIES) {
      const found = directory.find(a.type, directory.keyOf(a));
      expect('agency' in found && found.agency.id).toBe(a.id);
    }
    expect(directory.keyOf(AGENCIES[3]!)).toBe('Badan Inovasi Satu');
    expect(directory.keyOf(AGENCIES[2]!)).toBe('KemenPANRB');
  });

  it('refuses awards older than the launch', () => {
    const { problems } = read({ awards: 'KIPP:2016:TOP_99', launch_year: '2017' });
    expect(problems).toEqual([
      { row: 2, column: 'awards', message: 'the KIPP 2016 award is before the launch year 2017' },
    ]);
  });

  it('treats short rows as empty cells and refuses values without a header', () => {
    const short = readRow(
      NAMES.slice(0, 16).map((n) => VALID[n]!),
      3,
      header,
      context,
      directory,
    );
    expect(short.problems).toEqual([]);
    expect(short.checked?.data.awards).toEqual([]);
    const long = readRow([...NAMES.map((n) => VALID[n]!), 'extra'], 4, header, context, directory);
    expect(long.problems).toEqual([
      { row: 4, column: null, message: `cell ${NAMES.length + 1} has a value but no column header` },
    ]);
  });

  it('checks the header: known names, once each, the required ones present', () => {
    expect(readHeader(['Title', ' SUMMARY '], 1).problems.map((p) => p.column)).toEqual([
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
    ]);
    const bad = readHeader([...NAMES, 'tittle', 'title'], 1).problems;
    expect(bad).toEqual([
      expect.objectContaining({ column: 'tittle', message: expect.stringMatching(/^unknown column/) }),
      { row: 1, column: 'title', message: 'the column appears twice' },
    ]);
    // the export-only columns are known, and ignored
    expect(readHeader([...NAMES, 'origin_agency_name', 'published_at'], 1).problems).toEqual([]);
  });

  it('finds duplicates inside one file: same registration number, or same agency and title', () => {
    const row = (n: number, registrationNumber: string | null, title: string, agencyIndex = 0): CheckedRow =>
      ({
        row: n,
        agency: AGENCIES[agencyIndex],
        data: { registrationNumber, title },
      }) as CheckedRow;
    expect(
      duplicatesInFile([
        row(2, 'A-1', 'Satu Inovasi'),
        row(3, 'a-1', 'Dua Inovasi'),
        row(4, null, 'SATU inovasi'),
        row(5, null, 'Satu Inovasi', 1),
        row(6, 'B-2', 'Tiga Inovasi'),
      ]),
    ).toEqual([
      { row: 3, column: 'registration_number', message: 'the same registration number as row 2' },
      { row: 4, column: 'title', message: 'the same origin agency and title as row 2' },
    ]);
  });

  it('writes what it reads: an exported row reads back to the same content', () => {
    const { checked } = read({
      slug: 'akta-lahir-keliling',
      contact_name: 'Budi',
      contact_phone: '+62 333 1',
    });
    const data = checked!.data;
    const innovation = {
      ...data,
      id: 9,
      status: InnovationStatus.PUBLISHED,
      publishedAt: new Date('2026-01-02T03:04:05Z'),
    } as unknown as Innovation;
    const cells = INNOVATION_COLUMNS.map((c) =>
      c.write({
        innovation,
        category: { competitionYear: 2018, code: 'KESEHATAN' },
        agency: AGENCIES[0]!,
        agencyKey: directory.keyOf(AGENCIES[0]!),
        awards: data.awards,
        includeContacts: true,
      }),
    );
    const exported = readHeader(
      INNOVATION_COLUMNS.map((c) => c.name),
      1,
    );
    const again = readRow(cells, 2, exported.header, context, directory);
    expect(again.problems).toEqual([]);
    expect(again.checked!.data).toEqual(data);
    expect(cells[INNOVATION_COLUMNS.findIndex((c) => c.name === 'published_at')]).toBe(
      '2026-01-02T03:04:05.000Z',
    );
  });
});
