import { AgencyType } from '@jipp/agencies';
import { InnovationStage } from '../innovations/innovation-enums';
import type { Innovation } from '../innovations/innovation.entity';
import type { AgencyRef } from './agency-directory';
import {
  type AwardEntry,
  type Checked,
  checkEmail,
  checkMaxText,
  checkPhone,
  checkRegistrationNumber,
  checkSlug,
  checkText,
  checkUrl,
  CONTACT_LIMITS,
  FIRST_LAUNCH_YEAR,
  formatAwards,
  parseAwards,
  parseCategoryKey,
  parseEnumValue,
  parseSdgGoals,
  parseYear,
  parseYesNo,
  TEXT_LIMITS,
} from './field-rules';

/** The content of one file row, once every cell is read and checked. */
export interface InnovationRowData {
  registrationNumber: string | null;
  /** The slug asked for; made unique on import. Null: derived from the title. */
  slug: string | null;
  title: string;
  summary: string;
  problem: string;
  approach: string;
  novelty: string;
  impact: string;
  categoryId: number;
  digital: boolean;
  stage: InnovationStage;
  sdgGoals: number[];
  launchYear: number;
  originAgencyType: AgencyType;
  /** Region code of a local government, else the agency's short (or full) name. */
  originAgencyKey: string;
  contactUnit: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  referenceUrl: string | null;
  awards: AwardEntry[];
}

/** What reading a cell needs besides its text. */
export interface RowContext {
  currentYear: number;
  /** The id of category `code` of competition `year`, if it exists. */
  categoryId(year: number, code: string): number | undefined;
}

/** One innovation as the export writes it. */
export interface ExportSource {
  innovation: Innovation;
  category: { competitionYear: number; code: string };
  agency: AgencyRef;
  /** `AgencyDirectory.keyOf(agency)`. */
  agencyKey: string;
  awards: readonly AwardEntry[];
  /** Contact details are for signed-in users: the public export leaves them empty. */
  includeContacts: boolean;
}

export type CellReading = { fields: Partial<InnovationRowData> } | { problem: string };

export interface InnovationColumn {
  /** The header name, in the file's header row. */
  name: string;
  description: { en: string; id: string };
  /** Import: the cell may not be empty. */
  required: boolean;
  /** Import: how a non-empty cell (trimmed) is read. Absent: written on export, ignored on import. */
  read?: (text: string, context: RowContext) => CellReading;
  /** Import: the fields of an empty optional cell. */
  whenEmpty?: Partial<InnovationRowData>;
  /** Export: the cell's text. */
  write(source: ExportSource): string;
}

function into<K extends keyof InnovationRowData>(
  key: K,
  checked: Checked<InnovationRowData[K]>,
): CellReading {
  return 'problem' in checked ? checked : { fields: { [key]: checked.value } as Partial<InnovationRowData> };
}

function textColumn(
  name: keyof typeof TEXT_LIMITS,
  description: InnovationColumn['description'],
): InnovationColumn {
  const [min, max] = TEXT_LIMITS[name];
  return {
    name,
    description: {
      en: `${description.en} (${min}-${max} characters).`,
      id: `${description.id} (${min}-${max} karakter).`,
    },
    required: true,
    read: (text) => into(name, checkText(text, min, max)),
    write: ({ innovation }) => innovation[name],
  };
}

function contact(source: ExportSource, value: string | null): string {
  return source.includeContacts ? (value ?? '') : '';
}

const CONTACT_NOTE = {
  en: ' Left empty in the public export.',
  id: ' Kosong pada ekspor publik.',
};

/**
 * The columns of the innovation file, in the order the export writes them. Import and export share
 * this list: a file the export wrote imports as it is, in any column order.
 */
export const INNOVATION_COLUMNS: readonly InnovationColumn[] = [
  {
    name: 'registration_number',
    description: {
      en: 'Number in the source registry (e.g. SINOVIK); matches re-imports. Optional.',
      id: 'Nomor registrasi di sumbernya (mis. SINOVIK); dipakai untuk mencocokkan impor ulang. Opsional.',
    },
    required: false,
    read: (text) => into('registrationNumber', checkRegistrationNumber(text)),
    whenEmpty: { registrationNumber: null },
    write: ({ innovation }) => innovation.registrationNumber ?? '',
  },
  {
    name: 'slug',
    description: {
      en: 'Stable web address, e.g. akta-lahir-keliling; derived from the title when empty, suffixed when taken.',
      id: 'Alamat web tetap, mis. akta-lahir-keliling; dibuat dari judul bila kosong, diberi akhiran bila sudah dipakai.',
    },
    required: false,
    read: (text) => into('slug', checkSlug(text)),
    whenEmpty: { slug: null },
    write: ({ innovation }) => innovation.slug,
  },
  textColumn('title', { en: 'Title', id: 'Judul' }),
  textColumn('summary', { en: 'Summary, one paragraph', id: 'Ringkasan, satu paragraf' }),
  textColumn('problem', {
    en: 'The public-service problem it solves',
    id: 'Masalah pelayanan publik yang diatasi',
  }),
  textColumn('approach', { en: 'How it works', id: 'Cara kerjanya' }),
  textColumn('novelty', { en: 'What is new about it', id: 'Kebaruannya' }),
  textColumn('impact', {
    en: 'What it changed, with figures where known',
    id: 'Dampaknya, dengan angka bila ada',
  }),
  {
    name: 'category',
    description: {
      en: 'Competition year and category code, YEAR:CODE, e.g. 2018:KESEHATAN.',
      id: 'Tahun kompetisi dan kode kategori, TAHUN:KODE, mis. 2018:KESEHATAN.',
    },
    required: true,
    read: (text, context) => {
      const key = parseCategoryKey(text);
      if ('problem' in key) return key;
      const categoryId = context.categoryId(key.value.year, key.value.code);
      return categoryId === undefined
        ? { problem: `there is no category ${key.value.code} for ${key.value.year}` }
        : { fields: { categoryId } };
    },
    write: ({ category }) => `${category.competitionYear}:${category.code}`,
  },
  {
    name: 'digital',
    description: {
      en: 'Whether it is a digital service: ya or tidak (true/false also read).',
      id: 'Apakah layanan digital: ya atau tidak (true/false juga diterima).',
    },
    required: true,
    read: (text) => into('digital', parseYesNo(text)),
    write: ({ innovation }) => (innovation.digital ? 'ya' : 'tidak'),
  },
  {
    name: 'stage',
    description: {
      en: `How far it has come: ${Object.values(InnovationStage).join(', ')}.`,
      id: `Tahapannya: ${Object.values(InnovationStage).join(', ')} (inisiatif, uji coba, diterapkan).`,
    },
    required: true,
    read: (text) => into('stage', parseEnumValue(text, InnovationStage)),
    write: ({ innovation }) => innovation.stage,
  },
  {
    name: 'sdg_goals',
    description: {
      en: 'Sustainable Development Goals served (1-17), separated by ;, e.g. 3;10. Optional.',
      id: 'Tujuan Pembangunan Berkelanjutan (1-17), dipisah ;, mis. 3;10. Opsional.',
    },
    required: false,
    read: (text) => into('sdgGoals', parseSdgGoals(text)),
    whenEmpty: { sdgGoals: [] },
    write: ({ innovation }) => innovation.sdgGoals.join(';'),
  },
  {
    name: 'launch_year',
    description: {
      en: `Year it started, ${FIRST_LAUNCH_YEAR} to this year.`,
      id: `Tahun mulai, ${FIRST_LAUNCH_YEAR} sampai tahun ini.`,
    },
    required: true,
    read: (text, context) => into('launchYear', parseYear(text, FIRST_LAUNCH_YEAR, context.currentYear)),
    write: ({ innovation }) => String(innovation.launchYear),
  },
  {
    name: 'origin_agency_type',
    description: {
      en: `Type of the origin agency: ${Object.values(AgencyType).join(', ')}.`,
      id: `Jenis instansi asal: ${Object.values(AgencyType).join(', ')}.`,
    },
    required: true,
    read: (text) => into('originAgencyType', parseEnumValue(text, AgencyType)),
    write: ({ agency }) => agency.type,
  },
  {
    name: 'origin_agency',
    description: {
      en: 'The origin agency: its Kemendagri region code for PEMPROV (35), PEMKAB and PEMKOT (35.10); its short name (e.g. KemenPANRB), else its full name, for the other types.',
      id: 'Instansi asal: kode wilayah Kemendagri untuk PEMPROV (35), PEMKAB dan PEMKOT (35.10); nama singkat (mis. KemenPANRB), atau nama lengkap, untuk jenis lainnya.',
    },
    required: true,
    read: (text) => ({ fields: { originAgencyKey: text } }),
    write: ({ agencyKey }) => agencyKey,
  },
  {
    name: 'origin_agency_name',
    description: {
      en: 'Full name of the origin agency, for readers; ignored on import.',
      id: 'Nama lengkap instansi asal, untuk pembaca; diabaikan saat impor.',
    },
    required: false,
    write: ({ agency }) => agency.name,
  },
  {
    name: 'contact_unit',
    description: {
      en: `Unit that runs it, e.g. Dinas Kesehatan (at most ${CONTACT_LIMITS.contactUnit} characters). Optional.${CONTACT_NOTE.en}`,
      id: `Unit pelaksana, mis. Dinas Kesehatan (paling banyak ${CONTACT_LIMITS.contactUnit} karakter). Opsional.${CONTACT_NOTE.id}`,
    },
    required: false,
    read: (text) => into('contactUnit', checkMaxText(text, CONTACT_LIMITS.contactUnit)),
    whenEmpty: { contactUnit: null },
    write: (source) => contact(source, source.innovation.contactUnit),
  },
  {
    name: 'contact_name',
    description: {
      en: `Contact person (at most ${CONTACT_LIMITS.contactName} characters). Optional.${CONTACT_NOTE.en}`,
      id: `Narahubung (paling banyak ${CONTACT_LIMITS.contactName} karakter). Opsional.${CONTACT_NOTE.id}`,
    },
    required: false,
    read: (text) => into('contactName', checkMaxText(text, CONTACT_LIMITS.contactName)),
    whenEmpty: { contactName: null },
    write: (source) => contact(source, source.innovation.contactName),
  },
  {
    name: 'contact_email',
    description: {
      en: `Contact e-mail address. Optional.${CONTACT_NOTE.en}`,
      id: `Alamat e-mail narahubung. Opsional.${CONTACT_NOTE.id}`,
    },
    required: false,
    read: (text) => into('contactEmail', checkEmail(text)),
    whenEmpty: { contactEmail: null },
    write: (source) => contact(source, source.innovation.contactEmail),
  },
  {
    name: 'contact_phone',
    description: {
      en: `Contact phone number, e.g. +62 333 123456. Optional.${CONTACT_NOTE.en}`,
      id: `Nomor telepon narahubung, mis. +62 333 123456. Opsional.${CONTACT_NOTE.id}`,
    },
    required: false,
    read: (text) => into('contactPhone', checkPhone(text)),
    whenEmpty: { contactPhone: null },
    write: (source) => contact(source, source.innovation.contactPhone),
  },
  {
    name: 'reference_url',
    description: {
      en: 'A public http(s) page about the innovation. Optional.',
      id: 'Halaman publik http(s) tentang inovasi ini. Opsional.',
    },
    required: false,
    read: (text) => into('referenceUrl', checkUrl(text)),
    whenEmpty: { referenceUrl: null },
    write: ({ innovation }) => innovation.referenceUrl ?? '',
  },
  {
    name: 'awards',
    description: {
      en: 'Awards as COMPETITION:YEAR:LEVEL separated by ;, e.g. KIPP:2019:TOP_45;IGA:2020:WINNER; OTHER:YEAR:LEVEL:Name for other competitions. Optional.',
      id: 'Penghargaan sebagai KOMPETISI:TAHUN:TINGKAT dipisah ;, mis. KIPP:2019:TOP_45;IGA:2020:WINNER; OTHER:TAHUN:TINGKAT:Nama untuk kompetisi lain. Opsional.',
    },
    required: false,
    read: (text, context) => into('awards', parseAwards(text, context.currentYear)),
    whenEmpty: { awards: [] },
    write: ({ awards }) => formatAwards(awards),
  },
  {
    name: 'published_at',
    description: {
      en: 'When it was published in the catalogue (ISO 8601, UTC); ignored on import.',
      id: 'Waktu terbit di katalog (ISO 8601, UTC); diabaikan saat impor.',
    },
    required: false,
    write: ({ innovation }) => innovation.publishedAt?.toISOString() ?? '',
  },
];

export const INNOVATION_COLUMN_NAMES: readonly string[] = INNOVATION_COLUMNS.map((c) => c.name);
