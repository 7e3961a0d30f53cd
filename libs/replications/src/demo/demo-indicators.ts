import { ModificationAspect } from '../modifications/modification-aspect';
import { OutcomeUnit } from '../outcomes/outcome-unit';

/** An outcome indicator the demo reports for innovations of a category, with plausible figures. */
export interface DemoIndicator {
  indicator: string;
  unit: OutcomeUnit;
  /** Baseline range. */
  base: readonly [number, number];
  /** Whether a lower value is the better one (waiting times) or a higher one (coverage). */
  better: 'lower' | 'higher';
  /** How much of the way to the ideal a successful adoption goes, as a fraction range. */
  gain: readonly [number, number];
}

const { DAYS, HOURS, MINUTES, PERCENT, COUNT, PEOPLE, RUPIAH, SCORE } = OutcomeUnit;

/** Two indicators per 2018 category code; any other category uses the fallback. */
export const DEMO_INDICATORS: Readonly<Record<string, readonly DemoIndicator[]>> = {
  ADMINDUK: [
    {
      indicator: 'Waktu penerbitan akta kelahiran',
      unit: DAYS,
      base: [7, 21],
      better: 'lower',
      gain: [0.6, 0.9],
    },
    {
      indicator: 'Cakupan kepemilikan akta kelahiran anak',
      unit: PERCENT,
      base: [55, 80],
      better: 'higher',
      gain: [0.3, 0.7],
    },
  ],
  KESEHATAN: [
    {
      indicator: 'Waktu tunggu pendaftaran pasien',
      unit: MINUTES,
      base: [60, 180],
      better: 'lower',
      gain: [0.4, 0.8],
    },
    {
      indicator: 'Prevalensi stunting balita',
      unit: PERCENT,
      base: [18, 35],
      better: 'lower',
      gain: [0.1, 0.3],
    },
  ],
  PENDIDIKAN: [
    {
      indicator: 'Angka partisipasi sekolah anak usia 7-15 tahun',
      unit: PERCENT,
      base: [82, 95],
      better: 'higher',
      gain: [0.2, 0.6],
    },
    {
      indicator: 'Anak putus sekolah yang kembali bersekolah',
      unit: PEOPLE,
      base: [20, 150],
      better: 'higher',
      gain: [0.3, 1.2],
    },
  ],
  TATA_KELOLA: [
    {
      indicator: 'Waktu tindak lanjut aduan warga',
      unit: DAYS,
      base: [10, 30],
      better: 'lower',
      gain: [0.5, 0.85],
    },
    {
      indicator: 'Indeks kepuasan masyarakat',
      unit: SCORE,
      base: [68, 80],
      better: 'higher',
      gain: [0.04, 0.15],
    },
  ],
  EKONOMI: [
    {
      indicator: 'Omzet rata-rata UMKM binaan per bulan',
      unit: RUPIAH,
      base: [3_000_000, 8_000_000],
      better: 'higher',
      gain: [0.15, 0.6],
    },
    {
      indicator: 'UMKM yang berjualan daring',
      unit: COUNT,
      base: [30, 200],
      better: 'higher',
      gain: [0.3, 1.5],
    },
  ],
  LINGKUNGAN: [
    {
      indicator: 'Rumah tangga yang memilah sampah',
      unit: PERCENT,
      base: [8, 30],
      better: 'higher',
      gain: [0.2, 0.5],
    },
    { indicator: 'Nasabah bank sampah', unit: PEOPLE, base: [100, 600], better: 'higher', gain: [0.4, 1.5] },
  ],
  INFRASTRUKTUR: [
    {
      indicator: 'Waktu perbaikan jalan rusak setelah dilaporkan',
      unit: DAYS,
      base: [30, 90],
      better: 'lower',
      gain: [0.5, 0.85],
    },
    {
      indicator: 'Laporan kerusakan yang ditangani',
      unit: PERCENT,
      base: [40, 65],
      better: 'higher',
      gain: [0.4, 0.8],
    },
  ],
  PANGAN: [
    {
      indicator: 'Petani yang menerima pupuk tepat waktu',
      unit: PERCENT,
      base: [50, 70],
      better: 'higher',
      gain: [0.4, 0.8],
    },
    {
      indicator: 'Waktu penebusan pupuk bersubsidi',
      unit: HOURS,
      base: [4, 8],
      better: 'lower',
      gain: [0.6, 0.9],
    },
  ],
  PERIZINAN: [
    {
      indicator: 'Waktu penerbitan izin usaha',
      unit: DAYS,
      base: [7, 30],
      better: 'lower',
      gain: [0.6, 0.95],
    },
    {
      indicator: 'Izin usaha mikro yang terbit per bulan',
      unit: COUNT,
      base: [20, 80],
      better: 'higher',
      gain: [0.5, 2],
    },
  ],
  SOSIAL: [
    {
      indicator: 'Waktu pencairan bantuan sosial',
      unit: DAYS,
      base: [14, 45],
      better: 'lower',
      gain: [0.5, 0.8],
    },
    {
      indicator: 'Warga miskin yang terlayani',
      unit: PEOPLE,
      base: [200, 1500],
      better: 'higher',
      gain: [0.3, 1],
    },
  ],
  PEMBERDAYAAN: [
    {
      indicator: 'Waktu pengurusan surat keterangan desa',
      unit: HOURS,
      base: [24, 72],
      better: 'lower',
      gain: [0.8, 0.97],
    },
    {
      indicator: 'Desa yang melayani surat keterangan secara daring',
      unit: COUNT,
      base: [5, 30],
      better: 'higher',
      gain: [0.5, 2.5],
    },
  ],
  KEBENCANAAN: [
    {
      indicator: 'Waktu peringatan dini sampai ke warga',
      unit: MINUTES,
      base: [60, 180],
      better: 'lower',
      gain: [0.7, 0.95],
    },
    {
      indicator: 'Desa dengan rencana kontinjensi',
      unit: COUNT,
      base: [3, 15],
      better: 'higher',
      gain: [0.5, 2],
    },
  ],
};

export const FALLBACK_INDICATORS: readonly DemoIndicator[] = DEMO_INDICATORS['TATA_KELOLA']!;

/** What adopters typically change, two wordings per aspect. */
export const DEMO_MODIFICATIONS: Readonly<
  Record<ModificationAspect, ReadonlyArray<{ whatChanged: string; why: string }>>
> = {
  [ModificationAspect.PROCESS]: [
    {
      whatChanged: 'Alur layanan dipersingkat dari lima menjadi tiga tahap.',
      why: 'Jumlah petugas di kecamatan kami lebih sedikit daripada di daerah asal.',
    },
    {
      whatChanged: 'Verifikasi berkas dilakukan sekali di desa, tidak diulang di dinas.',
      why: 'Warga mengeluhkan harus datang dua kali untuk satu layanan.',
    },
  ],
  [ModificationAspect.TECHNOLOGY]: [
    {
      whatChanged: 'Formulir daring diganti layanan pesan WhatsApp yang dijawab petugas.',
      why: 'Sinyal internet di banyak desa kami terlalu lemah untuk aplikasi web.',
    },
    {
      whatChanged: 'Aplikasi dibangun ulang di atas sistem informasi desa yang sudah kami pakai.',
      why: 'Agar petugas tidak mengisi data dua kali.',
    },
  ],
  [ModificationAspect.ORGANISATION]: [
    {
      whatChanged: 'Layanan dijalankan oleh kecamatan, bukan oleh dinas di ibu kota kabupaten.',
      why: 'Jarak desa terjauh ke pusat kabupaten lebih dari tiga jam perjalanan.',
    },
    {
      whatChanged: 'Dibentuk tim lintas perangkat daerah yang dipimpin sekretaris daerah.',
      why: 'Layanan ini menyentuh kewenangan tiga dinas sekaligus.',
    },
  ],
  [ModificationAspect.REGULATION]: [
    {
      whatChanged: 'Dasar hukumnya peraturan bupati, bukan keputusan kepala dinas.',
      why: 'Agar anggarannya dapat dialokasikan setiap tahun.',
    },
    {
      whatChanged: 'Standar pelayanan disesuaikan dengan peraturan daerah kami tentang pelayanan publik.',
      why: 'Inspektorat meminta layanan mengikuti standar daerah.',
    },
  ],
  [ModificationAspect.FUNDING]: [
    {
      whatChanged: 'Pembiayaan memakai dana desa dan CSR bank daerah.',
      why: 'APBD kami terbatas untuk tahun berjalan.',
    },
    {
      whatChanged: 'Biaya perangkat dibagi antara kabupaten dan desa.',
      why: 'Agar desa ikut merasa memiliki layanan ini.',
    },
  ],
  [ModificationAspect.TARGET_GROUP]: [
    {
      whatChanged: 'Sasaran diperluas ke lansia dan penyandang disabilitas.',
      why: 'Kelompok ini paling sulit menjangkau kantor layanan.',
    },
    {
      whatChanged: 'Dimulai di kecamatan pesisir dan kepulauan lebih dulu.',
      why: 'Di sanalah masalahnya paling berat.',
    },
  ],
  [ModificationAspect.PARTNERSHIP]: [
    {
      whatChanged: 'Bekerja sama dengan PKK dan karang taruna sebagai pendamping warga.',
      why: 'Kader setempat lebih dipercaya warga daripada petugas dari luar.',
    },
    {
      whatChanged: 'Menggandeng perguruan tinggi setempat untuk pelatihan petugas.',
      why: 'Kami tidak punya anggaran pelatihan sendiri.',
    },
  ],
  [ModificationAspect.OTHER]: [
    {
      whatChanged: 'Nama program disesuaikan dengan bahasa daerah setempat.',
      why: 'Agar mudah dikenali dan diterima warga.',
    },
    {
      whatChanged: 'Jadwal layanan keliling diatur mengikuti hari pasar.',
      why: 'Warga desa berkumpul di pasar pada hari itu.',
    },
  ],
};
