import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RegencyKind, RegionLevel, type Region } from './region.entity';
import { isProvinceCode, isRegencyCode } from './region-code';

/** Where the `idn-area-data` package keeps its CSV files (the version is pinned in package.json). */
export function idnAreaDataDir(): string {
  const dir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
  if (!existsSync(join(dir, 'provinces.csv'))) {
    throw new Error(`idn-area-data CSV files not found in ${dir}; run npm install`);
  }
  return dir;
}

/** Parses a simple CSV (no quoting, which these files never use) into records keyed by header. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line, i) => {
    if (line.includes('"')) throw new Error(`unexpected quoted CSV at line ${i + 2}`);
    const cells = line.split(',');
    if (cells.length !== header.length)
      throw new Error(`CSV line ${i + 2} has ${cells.length} cells, not ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h.trim(), (cells[j] ?? '').trim()]));
  });
}

/** Every province and regency/city from the idn-area-data package, checked as it is read. */
export function readRegions(dir = idnAreaDataDir()): Region[] {
  const provinces = parseCsv(readFileSync(join(dir, 'provinces.csv'), 'utf8')).map((row): Region => {
    if (!isProvinceCode(row['code'] ?? '')) throw new Error(`bad province code ${row['code']}`);
    return {
      code: row['code']!,
      name: row['name']!,
      level: RegionLevel.PROVINCE,
      kind: null,
      provinceCode: row['code']!,
    };
  });
  const known = new Set(provinces.map((p) => p.code));
  const regencies = parseCsv(readFileSync(join(dir, 'regencies.csv'), 'utf8')).map((row): Region => {
    const code = row['code'] ?? '';
    const provinceCode = row['province_code'] ?? '';
    if (!isRegencyCode(code) || !known.has(provinceCode) || !code.startsWith(`${provinceCode}.`)) {
      throw new Error(`bad regency row ${JSON.stringify(row)}`);
    }
    const name = row['name']!;
    const kind = /^kota\b/i.test(name) ? RegencyKind.KOTA : RegencyKind.KABUPATEN;
    return { code, name, level: RegionLevel.REGENCY, kind, provinceCode };
  });
  return [...provinces, ...regencies];
}
