/**
 * The thematic categories seeded for competition year 2018 (PermenPANRB 3/2018, the first year in
 * which every KIPP proposal had to be tied to the Sustainable Development Goals). Later years are
 * added as data by admins.
 */
export const CATEGORIES_2018: ReadonlyArray<{ code: string; name: string; nameEn: string }> = [
  { code: 'TATA_KELOLA', name: 'Tata Kelola Pemerintahan', nameEn: 'Governance' },
  { code: 'KESEHATAN', name: 'Kesehatan', nameEn: 'Health' },
  { code: 'PENDIDIKAN', name: 'Pendidikan', nameEn: 'Education' },
  { code: 'EKONOMI', name: 'Ekonomi dan UMKM', nameEn: 'Economy and small enterprises' },
  { code: 'LINGKUNGAN', name: 'Lingkungan Hidup', nameEn: 'Environment' },
  { code: 'INFRASTRUKTUR', name: 'Infrastruktur dan Permukiman', nameEn: 'Infrastructure and housing' },
  { code: 'PANGAN', name: 'Ketahanan Pangan dan Pertanian', nameEn: 'Food security and agriculture' },
  { code: 'ADMINDUK', name: 'Administrasi Kependudukan', nameEn: 'Civil registration' },
  { code: 'PERIZINAN', name: 'Perizinan dan Investasi', nameEn: 'Licensing and investment' },
  {
    code: 'SOSIAL',
    name: 'Perlindungan Sosial dan Pengentasan Kemiskinan',
    nameEn: 'Social protection and poverty reduction',
  },
  {
    code: 'PEMBERDAYAAN',
    name: 'Pemberdayaan Masyarakat dan Desa',
    nameEn: 'Community and village empowerment',
  },
  {
    code: 'KEBENCANAAN',
    name: 'Ketenteraman, Ketertiban dan Kebencanaan',
    nameEn: 'Public order and disaster management',
  },
];

export const SEEDED_CATEGORY_YEAR = 2018;
