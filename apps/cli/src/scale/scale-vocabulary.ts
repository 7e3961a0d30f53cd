import { CATEGORIES_2018, SEEDED_CATEGORY_YEAR } from '@jipp/innovations';
import { ModificationAspect, OutcomeUnit } from '@jipp/replications';

/**
 * The words the scale data is written with: Bahasa Indonesia, as the catalogue is. Everything here is
 * illustrative (generated entries, not real innovations); only the 2018 category set is reference
 * data, the other years' sets are made up to show categories changing from year to year.
 */

export interface CategoryDefinition {
  code: string;
  name: string;
  nameEn: string;
}

const EXTRA_CATEGORIES: Record<string, CategoryDefinition> = {
  COVID19: { code: 'COVID19', name: 'Penanganan Pandemi COVID-19', nameEn: 'COVID-19 response' },
  DIGITAL: {
    code: 'DIGITAL',
    name: 'Transformasi Digital Pelayanan Publik',
    nameEn: 'Digital transformation of public services',
  },
};

const BASE_CODES_BEFORE_2018 = [
  'TATA_KELOLA',
  'KESEHATAN',
  'PENDIDIKAN',
  'EKONOMI',
  'LINGKUNGAN',
  'INFRASTRUKTUR',
  'ADMINDUK',
  'PERIZINAN',
  'SOSIAL',
];

/** The category set of a competition year (the 2018 set is the seeded one, unchanged). */
export function categoriesOfYear(year: number): CategoryDefinition[] {
  const of2018 = CATEGORIES_2018.map((c) => ({ ...c }));
  if (year < SEEDED_CATEGORY_YEAR) return of2018.filter((c) => BASE_CODES_BEFORE_2018.includes(c.code));
  if (year === 2020 || year === 2021) return [...of2018, EXTRA_CATEGORIES['COVID19']!];
  if (year >= 2022) return [...of2018, EXTRA_CATEGORIES['DIGITAL']!];
  return of2018;
}

export interface IndicatorWords {
  indicator: string;
  unit: OutcomeUnit;
  better: 'lower' | 'higher';
  base: readonly [number, number];
  /** The share of the way to the ideal that an adoption moves the figure. */
  gain: readonly [number, number];
}

export interface CategoryWords {
  /** How often innovations fall in this category, relative to the others. */
  weight: number;
  sdgGoals: readonly number[];
  /** The unit of a local government that usually runs it. */
  unit: string;
  /** What the innovation serves, for titles ("Akta Kelahiran"). */
  subjects: readonly string[];
  problems: readonly string[];
  indicators: readonly IndicatorWords[];
}

const D = OutcomeUnit;

export const CATEGORY_WORDS: Record<string, CategoryWords> = {
  TATA_KELOLA: {
    weight: 1.4,
    sdgGoals: [16, 17],
    unit: 'Bagian Organisasi Sekretariat Daerah',
    subjects: [
      'Pengaduan Warga',
      'Kinerja Aparatur',
      'Perencanaan Anggaran',
      'Arsip Dinas',
      'Pengadaan Barang dan Jasa',
      'Informasi Publik',
      'Absensi Pegawai',
    ],
    problems: [
      'Pengaduan warga tersebar di banyak kanal dan sering tidak ditindaklanjuti.',
      'Proses surat-menyurat antarperangkat daerah masih manual dan lambat.',
      'Warga sulit mengetahui sejauh mana usulan dan keluhannya diproses.',
    ],
    indicators: [
      {
        indicator: 'Hari untuk menindaklanjuti pengaduan',
        unit: D.DAYS,
        better: 'lower',
        base: [10, 30],
        gain: [0.4, 0.8],
      },
      {
        indicator: 'Indeks kepuasan masyarakat',
        unit: D.SCORE,
        better: 'higher',
        base: [62, 78],
        gain: [0.1, 0.4],
      },
    ],
  },
  KESEHATAN: {
    weight: 1.7,
    sdgGoals: [3],
    unit: 'Dinas Kesehatan',
    subjects: [
      'Pemeriksaan Ibu Hamil',
      'Imunisasi Anak',
      'Pencegahan Stunting',
      'Rujukan Pasien',
      'Layanan Kesehatan Lansia',
      'Gizi Balita',
      'Deteksi Dini Tuberkulosis',
      'Kesehatan Jiwa',
    ],
    problems: [
      'Angka stunting masih tinggi dan banyak balita tidak datang ke posyandu.',
      'Ibu hamil di desa terpencil jarang memeriksakan kehamilan secara rutin.',
      'Rujukan pasien antarfasilitas kesehatan lambat karena masih memakai telepon dan kertas.',
      'Cakupan imunisasi dasar lengkap belum mencapai target.',
    ],
    indicators: [
      {
        indicator: 'Prevalensi stunting balita (%)',
        unit: D.PERCENT,
        better: 'lower',
        base: [18, 38],
        gain: [0.1, 0.35],
      },
      {
        indicator: 'Cakupan imunisasi dasar lengkap (%)',
        unit: D.PERCENT,
        better: 'higher',
        base: [60, 85],
        gain: [0.3, 0.7],
      },
      {
        indicator: 'Menit waktu tunggu rujukan',
        unit: D.MINUTES,
        better: 'lower',
        base: [60, 240],
        gain: [0.4, 0.8],
      },
    ],
  },
  PENDIDIKAN: {
    weight: 1.3,
    sdgGoals: [4],
    unit: 'Dinas Pendidikan',
    subjects: [
      'Anak Putus Sekolah',
      'Literasi Anak',
      'Penerimaan Peserta Didik',
      'Beasiswa Pelajar',
      'Pendidikan Anak Usia Dini',
      'Guru Daerah Terpencil',
    ],
    problems: [
      'Banyak anak usia sekolah di desa tidak melanjutkan pendidikan.',
      'Kemampuan membaca siswa sekolah dasar masih rendah.',
      'Pendaftaran sekolah dilakukan dengan antre berhari-hari.',
    ],
    indicators: [
      {
        indicator: 'Angka putus sekolah (%)',
        unit: D.PERCENT,
        better: 'lower',
        base: [2, 9],
        gain: [0.3, 0.7],
      },
      {
        indicator: 'Anak kembali bersekolah',
        unit: D.PEOPLE,
        better: 'higher',
        base: [50, 600],
        gain: [0.5, 2],
      },
    ],
  },
  EKONOMI: {
    weight: 1.0,
    sdgGoals: [8, 1],
    unit: 'Dinas Koperasi dan Usaha Mikro',
    subjects: [
      'Pemasaran Produk UMKM',
      'Modal Usaha Mikro',
      'Pasar Desa',
      'Sertifikasi Halal UMKM',
      'Pelatihan Wirausaha',
    ],
    problems: [
      'Pelaku usaha mikro sulit memasarkan produknya ke luar daerah.',
      'Usaha kecil sulit mendapat modal tanpa jaminan.',
      'Produk lokal kalah bersaing karena belum bersertifikat.',
    ],
    indicators: [
      {
        indicator: 'UMKM yang memasarkan produk secara daring',
        unit: D.COUNT,
        better: 'higher',
        base: [40, 400],
        gain: [0.5, 2.5],
      },
      {
        indicator: 'Omzet rata-rata UMKM binaan per bulan (Rp)',
        unit: D.RUPIAH,
        better: 'higher',
        base: [2_000_000, 9_000_000],
        gain: [0.2, 0.8],
      },
    ],
  },
  LINGKUNGAN: {
    weight: 0.8,
    sdgGoals: [6, 11, 13],
    unit: 'Dinas Lingkungan Hidup',
    subjects: [
      'Bank Sampah',
      'Pengelolaan Sampah Rumah Tangga',
      'Ruang Terbuka Hijau',
      'Air Bersih Desa',
      'Sungai Bersih',
    ],
    problems: [
      'Sampah rumah tangga menumpuk dan dibuang ke sungai.',
      'Warga belum memilah sampah dan tempat pembuangan akhir hampir penuh.',
      'Pencemaran sungai mengganggu sumber air bersih warga.',
    ],
    indicators: [
      {
        indicator: 'Ton sampah terkelola per bulan',
        unit: D.COUNT,
        better: 'higher',
        base: [20, 300],
        gain: [0.3, 1.2],
      },
      {
        indicator: 'Rumah tangga yang memilah sampah (%)',
        unit: D.PERCENT,
        better: 'higher',
        base: [5, 30],
        gain: [0.2, 0.6],
      },
    ],
  },
  INFRASTRUKTUR: {
    weight: 0.8,
    sdgGoals: [9, 11, 6],
    unit: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    subjects: [
      'Jalan Desa',
      'Rumah Tidak Layak Huni',
      'Penerangan Jalan',
      'Sanitasi Permukiman',
      'Drainase Kota',
    ],
    problems: [
      'Laporan jalan rusak baru ditangani berbulan-bulan kemudian.',
      'Ribuan keluarga miskin masih tinggal di rumah tidak layak huni.',
      'Genangan air muncul setiap musim hujan di permukiman padat.',
    ],
    indicators: [
      {
        indicator: 'Hari untuk memperbaiki jalan rusak yang dilaporkan',
        unit: D.DAYS,
        better: 'lower',
        base: [30, 120],
        gain: [0.4, 0.8],
      },
      {
        indicator: 'Rumah tidak layak huni yang diperbaiki',
        unit: D.COUNT,
        better: 'higher',
        base: [20, 250],
        gain: [0.5, 2],
      },
    ],
  },
  PANGAN: {
    weight: 0.7,
    sdgGoals: [2, 12],
    unit: 'Dinas Pertanian dan Ketahanan Pangan',
    subjects: [
      'Pupuk Bersubsidi',
      'Lumbung Pangan Desa',
      'Penyuluhan Petani',
      'Harga Komoditas',
      'Pekarangan Pangan Lestari',
    ],
    problems: [
      'Petani sering kehabisan pupuk pada musim tanam.',
      'Harga komoditas anjlok saat panen karena petani tidak tahu harga pasar.',
      'Rumah tangga miskin rawan pangan pada musim paceklik.',
    ],
    indicators: [
      {
        indicator: 'Produktivitas padi (kuintal per hektare)',
        unit: D.SCORE,
        better: 'higher',
        base: [45, 60],
        gain: [0.05, 0.2],
      },
      {
        indicator: 'Petani terlayani penyuluhan',
        unit: D.PEOPLE,
        better: 'higher',
        base: [200, 3000],
        gain: [0.3, 1.5],
      },
    ],
  },
  ADMINDUK: {
    weight: 1.4,
    sdgGoals: [16],
    unit: 'Dinas Kependudukan dan Pencatatan Sipil',
    subjects: [
      'Akta Kelahiran',
      'KTP Elektronik',
      'Kartu Identitas Anak',
      'Akta Kematian',
      'Kartu Keluarga',
      'Surat Pindah Penduduk',
    ],
    problems: [
      'Banyak anak belum memiliki akta kelahiran karena orang tua harus datang ke kantor dinas.',
      'Warga desa menempuh perjalanan jauh dan antre seharian untuk mengurus dokumen kependudukan.',
      'Kematian warga jarang dilaporkan sehingga data penduduk tidak mutakhir.',
    ],
    indicators: [
      {
        indicator: 'Hari untuk menerbitkan akta kelahiran',
        unit: D.DAYS,
        better: 'lower',
        base: [7, 21],
        gain: [0.5, 0.9],
      },
      {
        indicator: 'Cakupan kepemilikan akta kelahiran anak (%)',
        unit: D.PERCENT,
        better: 'higher',
        base: [55, 85],
        gain: [0.3, 0.7],
      },
    ],
  },
  PERIZINAN: {
    weight: 0.9,
    sdgGoals: [8, 16],
    unit: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    subjects: [
      'Izin Usaha',
      'Persetujuan Bangunan Gedung',
      'Izin Praktik Tenaga Kesehatan',
      'Perizinan Berusaha',
    ],
    problems: [
      'Pengurusan izin usaha memakan waktu berminggu-minggu dan harus bolak-balik ke beberapa kantor.',
      'Pemohon izin tidak tahu persyaratan dan posisi berkasnya.',
    ],
    indicators: [
      {
        indicator: 'Hari untuk menerbitkan izin usaha',
        unit: D.DAYS,
        better: 'lower',
        base: [10, 30],
        gain: [0.5, 0.9],
      },
      {
        indicator: 'Izin terbit per bulan',
        unit: D.COUNT,
        better: 'higher',
        base: [50, 500],
        gain: [0.2, 1],
      },
    ],
  },
  SOSIAL: {
    weight: 1.0,
    sdgGoals: [1, 10],
    unit: 'Dinas Sosial',
    subjects: [
      'Bantuan Sosial Tepat Sasaran',
      'Penyandang Disabilitas',
      'Lansia Terlantar',
      'Keluarga Miskin',
      'Perlindungan Anak',
    ],
    problems: [
      'Data penerima bantuan sosial tidak mutakhir sehingga banyak yang salah sasaran.',
      'Penyandang disabilitas sulit menjangkau layanan sosial.',
      'Lansia terlantar tidak terdata dan tidak mendapat pendampingan.',
    ],
    indicators: [
      {
        indicator: 'Penerima bantuan yang salah sasaran (%)',
        unit: D.PERCENT,
        better: 'lower',
        base: [10, 35],
        gain: [0.3, 0.7],
      },
      {
        indicator: 'Keluarga miskin terlayani',
        unit: D.PEOPLE,
        better: 'higher',
        base: [300, 5000],
        gain: [0.2, 1],
      },
    ],
  },
  PEMBERDAYAAN: {
    weight: 0.9,
    sdgGoals: [5, 1, 10],
    unit: 'Dinas Pemberdayaan Masyarakat dan Desa',
    subjects: [
      'Badan Usaha Milik Desa',
      'Kader Desa',
      'Perempuan Kepala Keluarga',
      'Dana Desa',
      'Pemuda Desa',
    ],
    problems: [
      'Badan usaha milik desa banyak yang tidak berjalan.',
      'Warga desa jarang terlibat dalam perencanaan penggunaan dana desa.',
      'Perempuan kepala keluarga sulit memperoleh penghasilan tetap.',
    ],
    indicators: [
      { indicator: 'BUMDes aktif', unit: D.COUNT, better: 'higher', base: [5, 60], gain: [0.3, 1.5] },
      {
        indicator: 'Warga hadir dalam musyawarah desa',
        unit: D.PEOPLE,
        better: 'higher',
        base: [30, 200],
        gain: [0.3, 1.2],
      },
    ],
  },
  KEBENCANAAN: {
    weight: 0.6,
    sdgGoals: [11, 13, 16],
    unit: 'Badan Penanggulangan Bencana Daerah',
    subjects: [
      'Peringatan Dini Banjir',
      'Desa Tangguh Bencana',
      'Tanggap Darurat Kebakaran',
      'Ketertiban Umum',
    ],
    problems: [
      'Warga di bantaran sungai terlambat mengungsi saat banjir datang.',
      'Petugas pemadam kebakaran terlambat tiba karena laporan berjenjang.',
    ],
    indicators: [
      {
        indicator: 'Menit waktu tanggap darurat',
        unit: D.MINUTES,
        better: 'lower',
        base: [20, 90],
        gain: [0.3, 0.7],
      },
      { indicator: 'Desa tangguh bencana', unit: D.COUNT, better: 'higher', base: [3, 40], gain: [0.5, 2] },
    ],
  },
  COVID19: {
    weight: 2.2,
    sdgGoals: [3],
    unit: 'Satuan Tugas Penanganan COVID-19',
    subjects: ['Vaksinasi COVID-19', 'Isolasi Mandiri', 'Pelacakan Kontak', 'Bantuan Warga Terdampak'],
    problems: [
      'Warga yang menjalani isolasi mandiri tidak terpantau dan kekurangan kebutuhan pokok.',
      'Cakupan vaksinasi lansia rendah karena sulit menjangkau lokasi vaksinasi.',
    ],
    indicators: [
      {
        indicator: 'Cakupan vaksinasi lansia (%)',
        unit: D.PERCENT,
        better: 'higher',
        base: [20, 50],
        gain: [0.4, 0.8],
      },
      {
        indicator: 'Jam untuk menindaklanjuti laporan warga isolasi mandiri',
        unit: D.HOURS,
        better: 'lower',
        base: [24, 72],
        gain: [0.5, 0.85],
      },
    ],
  },
  DIGITAL: {
    weight: 1.5,
    sdgGoals: [9, 16],
    unit: 'Dinas Komunikasi dan Informatika',
    subjects: [
      'Layanan Terpadu Daring',
      'Tanda Tangan Elektronik',
      'Satu Data Daerah',
      'Aplikasi Super Warga',
    ],
    problems: [
      'Setiap perangkat daerah membuat aplikasi sendiri sehingga warga harus mendaftar berkali-kali.',
      'Data antarperangkat daerah tidak terhubung dan sering berbeda.',
    ],
    indicators: [
      {
        indicator: 'Layanan yang dapat diurus secara daring',
        unit: D.COUNT,
        better: 'higher',
        base: [5, 60],
        gain: [0.5, 2],
      },
      {
        indicator: 'Hari penyelesaian layanan administrasi',
        unit: D.DAYS,
        better: 'lower',
        base: [3, 14],
        gain: [0.4, 0.8],
      },
    ],
  },
};

/** How an innovation works, for titles ("Layanan Jemput Bola"). */
export const APPROACHES = [
  'Layanan Jemput Bola',
  'Aplikasi Daring',
  'Gerakan Bersama',
  'Sistem Informasi',
  'Pojok Layanan',
  'Mobil Keliling',
  'Klinik',
  'Sekolah Lapang',
  'Posko Terpadu',
  'Kartu Pintar',
  'Dasbor Terpadu',
  'Rumah Layanan',
  'Kampung',
  'Gerai',
  'Layanan Satu Pintu',
  'Layanan Antar',
  'Kanal Pengaduan',
  'Kelas Inspirasi',
  'Pendampingan',
  'Desa Percontohan',
  'Layanan Malam Hari',
  'Loket Tanpa Antre',
];

/** What sets it apart, appended to some titles. */
export const QUALIFIERS = [
  'bagi Warga Desa Terpencil',
  'Tanpa Antre',
  'Berbasis WhatsApp',
  'Satu Hari Jadi',
  'untuk Penyandang Disabilitas',
  'di Tingkat Kelurahan',
  'bagi Keluarga Miskin',
  'Terintegrasi',
  'di Sekolah',
  'Berbasis Komunitas',
  'di Pasar Tradisional',
  'untuk Lansia',
  'Berbasis Data Desa',
  'Gratis',
  'di Puskesmas',
  'Dua Puluh Empat Jam',
];

/** Syllables of the acronym-like names local innovations carry ("SIPANDU", "GERMAS"). */
export const NAME_HEADS = ['SI', 'E-', 'GER', 'LA', 'PRO', 'KA', 'MA', 'SA', 'PE', 'TAN', 'BU', 'JE'];
export const NAME_SYLLABLES = [
  'PAN',
  'DU',
  'SEHAT',
  'TAN',
  'KAS',
  'MAS',
  'BER',
  'SAMA',
  'DESA',
  'TIK',
  'PINTAR',
  'RI',
  'NA',
  'LA',
  'KU',
  'TA',
  'MU',
  'DA',
  'YAN',
  'GO',
  'NIK',
  'AKTA',
  'CEPAT',
  'PRO',
];

export const INTRO_VERBS = ['menghadirkan', 'mengembangkan', 'menerapkan', 'meluncurkan', 'membangun'];

/** How it works: the unit is filled in. */
export const WORKINGS = [
  '{unit} menugaskan petugas yang mendatangi warga sesuai jadwal di setiap kecamatan.',
  '{unit} menyediakan formulir daring sehingga berkas cukup dikirim dari rumah.',
  '{unit} melatih kader di setiap desa untuk membantu warga mengurus layanan.',
  '{unit} bekerja sama dengan puskesmas, sekolah dan kantor desa sebagai titik layanan.',
  '{unit} memantau setiap permohonan lewat dasbor dan mengingatkan petugas yang terlambat.',
  '{unit} membuka layanan pada malam hari dan akhir pekan bagi warga yang bekerja.',
  '{unit} menghubungkan data antarperangkat daerah sehingga warga tidak perlu menyerahkan berkas yang sama berulang kali.',
  '{unit} menyiapkan nomor WhatsApp khusus yang dijawab petugas pada jam kerja.',
];

export const NOVELTIES = [
  'Layanan mendatangi warga, bukan warga yang mendatangi kantor.',
  'Untuk pertama kalinya data beberapa perangkat daerah dipakai bersama dalam satu layanan.',
  'Warga dapat memantau posisi berkasnya setiap saat.',
  'Kader desa dilibatkan sebagai perpanjangan tangan petugas.',
  'Layanan memanfaatkan aplikasi yang sudah akrab bagi warga sehingga tidak perlu memasang aplikasi baru.',
  'Prosedur dipangkas dari beberapa tahap menjadi satu tahap.',
  'Kemitraan dengan swasta dan perguruan tinggi menekan biaya layanan.',
  'Anggaran berasal dari dana desa sehingga mudah direplikasi daerah lain.',
];

// ------------------------------------------------------------------ replications

export const REQUEST_NOTES = [
  'Masalah yang sama dialami warga kami; kami ingin mereplikasi inovasi ini.',
  'Hasil kunjungan kerja meyakinkan kami bahwa inovasi ini cocok untuk daerah kami.',
  'Kepala daerah kami meminta inovasi ini diterapkan tahun ini.',
  'Kami ingin belajar dan menerapkan inovasi ini dengan pendampingan dari daerah asal.',
  'Inovasi ini menjawab keluhan warga yang paling sering masuk ke kanal aduan kami.',
  'Inovasi ini kami kenal dari forum JIPP dan sesuai dengan program prioritas daerah.',
];

export const APPROVE_NOTES = [
  'Disetujui. Tim kami siap mendampingi.',
  'Disetujui; jadwal kunjungan belajar menyusul.',
  null,
];
export const COORDINATOR_APPROVE_NOTE = 'Disetujui koordinator hub; pendampingan dari jaringan JIPP.';
export const REJECT_REASONS = [
  'Tim kami belum dapat mendampingi replikasi tahun ini.',
  'Prasyarat infrastruktur di daerah pemohon belum terpenuhi.',
  'Mohon lengkapi rencana kerja dan anggaran, lalu ajukan kembali.',
];
export const OBSERVE_NOTES = [
  'Kunjungan belajar (amati) ke daerah asal.',
  'Studi tiru daring bersama tim daerah asal.',
  null,
];
export const IMITATE_NOTES = ['Uji coba di dua kecamatan.', 'Uji coba di satu kecamatan percontohan.', null];
export const MODIFY_NOTES = [
  'Penyesuaian dengan kondisi daerah.',
  'Penyesuaian prosedur dan anggaran.',
  null,
];
export const IMPLEMENT_NOTES = [
  'Diluncurkan resmi oleh kepala daerah.',
  'Berlaku di seluruh kecamatan.',
  null,
];
export const SUSTAIN_NOTE = 'Check-in 12 bulan: hasil terjaga, dinyatakan berkelanjutan.';
export const COORDINATOR_STALL_NOTES = [
  'Dihentikan sementara oleh koordinator: menunggu kepastian anggaran.',
  'Dihentikan sementara oleh koordinator: pergantian tim pelaksana.',
];
export const RESUME_NOTES = [
  'Dilanjutkan setelah pendampingan koordinator.',
  'Dilanjutkan; anggaran sudah tersedia.',
];
export const WITHDRAW_NOTES = [
  'Anggaran dialihkan ke prioritas lain tahun ini.',
  'Pergantian pimpinan perangkat daerah; rencana ditinjau ulang.',
  'Kami memilih inovasi lain yang lebih sesuai.',
];

/** The note the escalation job writes (ReplicationEscalationService). */
export function systemStallNote(days: number): string {
  return `Ditandai terhenti oleh sistem: tidak ada kegiatan selama ${days} hari.`;
}

export const NO_MODIFICATION_NOTE =
  'Kami menerapkan inovasi ini seperti aslinya: kondisi daerah kami serupa.';

export const MODIFICATION_WORDS: Record<ModificationAspect, ReadonlyArray<readonly [string, string]>> = {
  [ModificationAspect.PROCESS]: [
    ['Verifikasi berkas dipindah ke kantor desa.', 'Jarak ke kantor dinas terlalu jauh bagi warga.'],
    [
      'Tahapan persetujuan dipangkas dari tiga menjadi satu.',
      'Pejabat penanda tangan sering bertugas di luar kota.',
    ],
  ],
  [ModificationAspect.TECHNOLOGY]: [
    ['Formulir kertas diganti formulir daring.', 'Sebagian besar warga sudah memakai telepon pintar.'],
    ['Aplikasi diganti layanan WhatsApp dan SMS.', 'Sinyal internet di desa kami lemah.'],
  ],
  [ModificationAspect.ORGANISATION]: [
    ['Pelaksana dipindah ke puskesmas.', 'Puskesmas sudah dekat dengan warga.'],
    ['Dibentuk tim lintas dinas.', 'Layanan melibatkan tiga perangkat daerah.'],
  ],
  [ModificationAspect.REGULATION]: [
    [
      'Diterbitkan peraturan bupati sebagai dasar hukum.',
      'Tanpa dasar hukum anggaran tidak dapat dicairkan.',
    ],
    [
      'Surat edaran kepala daerah mewajibkan semua kecamatan ikut.',
      'Agar pelaksanaan tidak bergantung pada satu pejabat.',
    ],
  ],
  [ModificationAspect.FUNDING]: [
    ['Biaya operasional ditanggung dana desa.', 'APBD kami terbatas.'],
    ['Menggandeng CSR perusahaan daerah.', 'Pengadaan kendaraan layanan tidak masuk anggaran tahun ini.'],
  ],
  [ModificationAspect.TARGET_GROUP]: [
    ['Sasaran diperluas ke penyandang disabilitas.', 'Kelompok ini paling sulit menjangkau layanan.'],
    ['Sasaran dipersempit ke desa tertinggal lebih dulu.', 'Agar uji coba terukur.'],
  ],
  [ModificationAspect.PARTNERSHIP]: [
    ['Bekerja sama dengan perguruan tinggi setempat.', 'Untuk pendampingan teknis dan evaluasi.'],
    ['Melibatkan organisasi keagamaan sebagai penggerak.', 'Tokoh agama sangat didengar warga kami.'],
  ],
  [ModificationAspect.OTHER]: [
    ['Nama layanan diganti dengan istilah bahasa daerah.', 'Agar mudah diingat warga.'],
    ['Jam layanan disesuaikan dengan hari pasar.', 'Warga datang ke kota pada hari pasar.'],
  ],
};

export const OUTCOME_SOURCES = [
  'Laporan bulanan perangkat daerah',
  'Sistem informasi layanan',
  'Survei kepuasan masyarakat',
  'Data dinas teknis',
];
