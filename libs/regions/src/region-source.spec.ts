import { RegencyKind, RegionLevel } from './region.entity';
import { parseCsv, readRegions } from './region-source';

describe('readRegions (idn-area-data)', () => {
  const regions = readRegions();

  it('has exactly 38 provinces and 514 regencies/cities with official codes', () => {
    expect(regions.filter((r) => r.level === RegionLevel.PROVINCE)).toHaveLength(38);
    expect(regions.filter((r) => r.level === RegionLevel.REGENCY)).toHaveLength(514);
    expect(new Set(regions.map((r) => r.code)).size).toBe(552);
  });

  it('knows kabupaten from kota and links each to its province', () => {
    const banyuwangi = regions.find((r) => r.code === '35.10');
    expect(banyuwangi).toMatchObject({
      name: 'Kabupaten Banyuwangi',
      kind: RegencyKind.KABUPATEN,
      provinceCode: '35',
    });
    const surabaya = regions.find((r) => r.name === 'Kota Surabaya');
    expect(surabaya).toMatchObject({ kind: RegencyKind.KOTA, provinceCode: '35' });
    expect(regions.find((r) => r.code === '35')?.name).toBe('Jawa Timur');
  });

  it('refuses malformed CSV instead of loading half of it', () => {
    expect(() => parseCsv('code,name\n11,"Aceh, Darussalam"')).toThrow(/quoted/);
    expect(() => parseCsv('code,name\n11')).toThrow(/cells/);
  });
});
