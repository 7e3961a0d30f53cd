/**
 * Where each province's point sits on the map: its capital, keyed by the Kemendagri province code
 * that the `provinces` query and `replicationSpread(groupBy: PROVINCE)` use. Coordinates are
 * [longitude, latitude] in degrees (WGS 84), rounded to a few hundred metres, which is plenty at
 * national scale. Kalimantan Selatan's capital is Banjarbaru since 2022 (UU 8/2022).
 */
export interface ProvinceCapital {
  capital: string;
  coordinates: readonly [longitude: number, latitude: number];
}

export const PROVINCE_CAPITALS: Readonly<Record<string, ProvinceCapital>> = {
  '11': { capital: 'Banda Aceh', coordinates: [95.32, 5.55] },
  '12': { capital: 'Medan', coordinates: [98.67, 3.6] },
  '13': { capital: 'Padang', coordinates: [100.42, -0.95] },
  '14': { capital: 'Pekanbaru', coordinates: [101.45, 0.51] },
  '15': { capital: 'Jambi', coordinates: [103.61, -1.61] },
  '16': { capital: 'Palembang', coordinates: [104.76, -2.98] },
  '17': { capital: 'Bengkulu', coordinates: [102.26, -3.79] },
  '18': { capital: 'Bandar Lampung', coordinates: [105.27, -5.4] },
  '19': { capital: 'Pangkalpinang', coordinates: [106.12, -2.13] },
  '21': { capital: 'Tanjungpinang', coordinates: [104.46, 0.92] },
  '31': { capital: 'Jakarta', coordinates: [106.85, -6.21] },
  '32': { capital: 'Bandung', coordinates: [107.62, -6.92] },
  '33': { capital: 'Semarang', coordinates: [110.42, -6.97] },
  '34': { capital: 'Yogyakarta', coordinates: [110.37, -7.8] },
  '35': { capital: 'Surabaya', coordinates: [112.75, -7.26] },
  '36': { capital: 'Serang', coordinates: [106.15, -6.12] },
  '51': { capital: 'Denpasar', coordinates: [115.21, -8.67] },
  '52': { capital: 'Mataram', coordinates: [116.12, -8.58] },
  '53': { capital: 'Kupang', coordinates: [123.61, -10.18] },
  '61': { capital: 'Pontianak', coordinates: [109.34, -0.03] },
  '62': { capital: 'Palangka Raya', coordinates: [113.91, -2.21] },
  '63': { capital: 'Banjarbaru', coordinates: [114.84, -3.44] },
  '64': { capital: 'Samarinda', coordinates: [117.15, -0.5] },
  '65': { capital: 'Tanjung Selor', coordinates: [117.37, 2.84] },
  '71': { capital: 'Manado', coordinates: [124.84, 1.47] },
  '72': { capital: 'Palu', coordinates: [119.87, -0.89] },
  '73': { capital: 'Makassar', coordinates: [119.43, -5.15] },
  '74': { capital: 'Kendari', coordinates: [122.51, -4.0] },
  '75': { capital: 'Gorontalo', coordinates: [123.06, 0.54] },
  '76': { capital: 'Mamuju', coordinates: [118.89, -2.67] },
  '81': { capital: 'Ambon', coordinates: [128.18, -3.7] },
  '82': { capital: 'Sofifi', coordinates: [127.56, 0.74] },
  '91': { capital: 'Jayapura', coordinates: [140.72, -2.53] },
  '92': { capital: 'Manokwari', coordinates: [134.06, -0.86] },
  '93': { capital: 'Merauke', coordinates: [140.4, -8.49] },
  '94': { capital: 'Nabire', coordinates: [135.5, -3.37] },
  '95': { capital: 'Wamena', coordinates: [138.95, -4.1] },
  '96': { capital: 'Sorong', coordinates: [131.26, -0.88] },
};
