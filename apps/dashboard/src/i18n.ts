/**
 * The dashboard's words in Bahasa Indonesia (the default) and English. The choice is kept in
 * localStorage, so a reader who switched once keeps English on the next visit.
 */
export type Lang = 'id' | 'en';

const STORAGE_KEY = 'jipp.dashboard.lang';

const ID = {
  appTitle: 'Dasbor Replikasi Inovasi JIPP',
  appSubtitle: 'Ke mana inovasi pelayanan publik menyebar, secara langsung',
  skipToContent: 'Langsung ke isi',
  navOverview: 'Ringkasan nasional',
  switchLanguage: 'English',
  switchLanguageLabel: 'Ganti bahasa ke English',
  loading: 'Memuat…',
  loadFailed: 'Data gagal dimuat: {message}',
  retry: 'Coba lagi',
  notFound: 'Halaman tidak ditemukan.',
  backToOverview: 'Kembali ke ringkasan nasional',
  totalsHeading: 'Angka nasional',
  provinceTotalsHeading: 'Angka provinsi',
  regionsTableHeading: 'Semua kabupaten/kota',
  replications: 'Replikasi',
  replicated: 'Berhasil direplikasi',
  adopterAgencies: 'Instansi pengadopsi',
  innovationsReplicated: 'Inovasi yang direplikasi',
  replicatedHint: 'sudah diterapkan atau berkelanjutan',
  mapHeading: 'Peta adopsi per provinsi',
  mapDescription:
    'Setiap titik adalah ibu kota provinsi; ukuran dan warnanya menunjukkan jumlah replikasi. Klik titik untuk membuka halaman provinsi.',
  mapTableCaption: 'Replikasi per provinsi',
  showTable: 'Tampilkan tabel data',
  province: 'Provinsi',
  more: 'Banyak',
  less: 'Sedikit',
  spreadHeading: 'Penyebaran dari tahun ke tahun',
  year: 'Tahun',
  categoryHeading: 'Menurut kategori',
  category: 'Kategori',
  categoryChartNote: 'Grafik memuat {count} kategori dengan replikasi terbanyak; tabelnya memuat semua.',
  allCategories: 'Semua kategori',
  topHeading: 'Inovasi paling banyak direplikasi',
  topEmpty: 'Belum ada inovasi yang direplikasi.',
  provinces: 'Provinsi',
  views: 'Dilihat',
  origin: 'Asal',
  feedHeading: 'Kabar langsung',
  feedDescription: 'Permintaan dan langkah replikasi terbaru, begitu terjadi.',
  feedEmpty: 'Menunggu kabar replikasi…',
  feedConnected: 'Terhubung',
  feedDisconnected: 'Terputus, menyambung ulang…',
  feedNeedsLogin: 'Masuk untuk mengikuti kabar langsung.',
  feedNew: 'mengajukan replikasi',
  feedMoved: '{from} → {to}',
  noData: 'Belum ada data.',
  provinceHeading: 'Provinsi {name}',
  gapHeading: 'Kabupaten/kota dan adopsinya',
  gapDescription:
    'Daerah yang belum mengadopsi satu inovasi pun ditandai, agar koordinator tahu ke mana mendorong.',
  gapChartLabel: 'Replikasi per kabupaten/kota',
  region: 'Kabupaten/kota',
  withoutAdoptionHeading: 'Belum ada adopsi ({count})',
  withoutAdoptionBadge: 'Belum ada adopsi',
  allAdopted: 'Semua kabupaten/kota sudah mengadopsi setidaknya satu inovasi.',
  filterCategory: 'Saring menurut kategori',
  regionsCount: 'Kabupaten/kota',
  regionsWithAdoption: 'Dengan adopsi',
  innovationHeading: 'Inovasi',
  originAgency: 'Instansi asal',
  funnelHeading: 'Corong replikasi',
  funnelViews: 'Dilihat',
  funnelWatchers: 'Diikuti',
  funnelRequests: 'Diminta',
  funnelAgreed: 'Disetujui',
  funnelReplicated: 'Direplikasi',
  provincesReached: 'Provinsi terjangkau',
  byStatusHeading: 'Menurut status',
  status: 'Status',
  lineageHeading: 'Silsilah replikasi',
  lineageDescription: 'Siapa meniru siapa: panah mengarah dari yang ditiru ke peniru.',
  lineageEmpty: 'Belum ada yang mereplikasi inovasi ini.',
  lineageNodes: 'Simpul',
  lineageDepth: 'Kedalaman',
  kindInnovation: 'Inovasi asal',
  openInnovation: 'Buka inovasi {title}',
  loginHeading: 'Masuk',
  loginDescription: 'Dasbor ini hanya untuk pengguna yang sudah masuk.',
  email: 'Surel',
  password: 'Kata sandi',
  signIn: 'Masuk',
  signOut: 'Keluar',
  loginFailed: 'Gagal masuk: {message}',
  lookupInnovation: 'Buka inovasi menurut nomor',
  innovationId: 'Nomor inovasi',
  open: 'Buka',
} as const;

export type MessageKey = keyof typeof ID;

const EN: Record<MessageKey, string> = {
  appTitle: 'JIPP Innovation Replication Dashboard',
  appSubtitle: 'Where public-service innovations spread, live',
  skipToContent: 'Skip to content',
  navOverview: 'National overview',
  switchLanguage: 'Bahasa Indonesia',
  switchLanguageLabel: 'Switch the language to Bahasa Indonesia',
  loading: 'Loading…',
  loadFailed: 'Could not load the data: {message}',
  retry: 'Try again',
  notFound: 'Page not found.',
  backToOverview: 'Back to the national overview',
  totalsHeading: 'National figures',
  provinceTotalsHeading: 'Provincial figures',
  regionsTableHeading: 'Every regency and city',
  replications: 'Replications',
  replicated: 'Replicated',
  adopterAgencies: 'Adopter agencies',
  innovationsReplicated: 'Innovations replicated',
  replicatedHint: 'implemented or sustained',
  mapHeading: 'Adoption by province',
  mapDescription:
    "Each point is a province's capital; its size and colour show the number of replications. Click a point to open the province's page.",
  mapTableCaption: 'Replications by province',
  showTable: 'Show the data table',
  province: 'Province',
  more: 'More',
  less: 'Fewer',
  spreadHeading: 'Spread over the years',
  year: 'Year',
  categoryHeading: 'By category',
  category: 'Category',
  categoryChartNote:
    'The chart shows the {count} categories with the most replications; the table lists them all.',
  allCategories: 'All categories',
  topHeading: 'Most replicated innovations',
  topEmpty: 'No innovation has been replicated yet.',
  provinces: 'Provinces',
  views: 'Views',
  origin: 'Origin',
  feedHeading: 'Live feed',
  feedDescription: 'The latest replication requests and steps, as they happen.',
  feedEmpty: 'Waiting for replication news…',
  feedConnected: 'Connected',
  feedDisconnected: 'Disconnected, reconnecting…',
  feedNeedsLogin: 'Sign in to follow the live feed.',
  feedNew: 'requested a replication',
  feedMoved: '{from} → {to}',
  noData: 'No data yet.',
  provinceHeading: 'Province of {name}',
  gapHeading: 'Regencies and cities and their adoptions',
  gapDescription:
    'Regions that have not adopted a single innovation are marked, so coordinators know where to push.',
  gapChartLabel: 'Replications by regency or city',
  region: 'Regency/city',
  withoutAdoptionHeading: 'No adoption yet ({count})',
  withoutAdoptionBadge: 'No adoption yet',
  allAdopted: 'Every regency and city has adopted at least one innovation.',
  filterCategory: 'Filter by category',
  regionsCount: 'Regencies/cities',
  regionsWithAdoption: 'With adoptions',
  innovationHeading: 'Innovation',
  originAgency: 'Origin agency',
  funnelHeading: 'Replication funnel',
  funnelViews: 'Viewed',
  funnelWatchers: 'Watched',
  funnelRequests: 'Requested',
  funnelAgreed: 'Agreed',
  funnelReplicated: 'Replicated',
  provincesReached: 'Provinces reached',
  byStatusHeading: 'By status',
  status: 'Status',
  lineageHeading: 'Replication lineage',
  lineageDescription: 'Who copied whom: arrows point from the copied to the copier.',
  lineageEmpty: 'Nobody has replicated this innovation yet.',
  lineageNodes: 'Nodes',
  lineageDepth: 'Depth',
  kindInnovation: 'Origin innovation',
  openInnovation: 'Open the innovation {title}',
  loginHeading: 'Sign in',
  loginDescription: 'This dashboard is for signed-in users only.',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  loginFailed: 'Could not sign in: {message}',
  lookupInnovation: 'Open an innovation by number',
  innovationId: 'Innovation number',
  open: 'Open',
};

const STATUS: Record<Lang, Record<string, string>> = {
  id: {
    REQUESTED: 'Diajukan',
    APPROVED: 'Disetujui',
    OBSERVING: 'Amati',
    IMITATING: 'Tiru',
    MODIFYING: 'Modifikasi',
    IMPLEMENTED: 'Diterapkan',
    SUSTAINED: 'Berkelanjutan',
    REJECTED: 'Ditolak',
    WITHDRAWN: 'Ditarik',
    STALLED: 'Terhenti',
  },
  en: {
    REQUESTED: 'Requested',
    APPROVED: 'Approved',
    OBSERVING: 'Observing',
    IMITATING: 'Imitating',
    MODIFYING: 'Modifying',
    IMPLEMENTED: 'Implemented',
    SUSTAINED: 'Sustained',
    REJECTED: 'Rejected',
    WITHDRAWN: 'Withdrawn',
    STALLED: 'Stalled',
  },
};

let lang: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    // storage can be off (private modes, strict settings): the default language serves
    return 'id';
  }
}

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not kept across visits, but the page still switches
  }
  document.documentElement.lang = next;
}

/** The message in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = lang === 'en' ? EN[key] : ID[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A replication status (an enum value of the API) in words. */
export function statusLabel(status: string): string {
  return STATUS[lang][status] ?? status;
}
