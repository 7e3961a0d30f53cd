import { RegencyKind, RegionLevel } from '@jipp/regions';
import { regionMismatch } from './agency-rules';
import { AgencyType } from './agency-type';

describe('regionMismatch', () => {
  const jatim = { level: RegionLevel.PROVINCE, kind: null, name: 'Jawa Timur' };
  const banyuwangi = {
    level: RegionLevel.REGENCY,
    kind: RegencyKind.KABUPATEN,
    name: 'Kabupaten Banyuwangi',
  };
  const surabaya = { level: RegionLevel.REGENCY, kind: RegencyKind.KOTA, name: 'Kota Surabaya' };

  it('accepts local governments in their own kind of region', () => {
    expect(regionMismatch(AgencyType.PEMPROV, jatim)).toBeNull();
    expect(regionMismatch(AgencyType.PEMKAB, banyuwangi)).toBeNull();
    expect(regionMismatch(AgencyType.PEMKOT, surabaya)).toBeNull();
  });

  it('refuses a local government in the wrong kind of region', () => {
    expect(regionMismatch(AgencyType.PEMPROV, banyuwangi)).toMatch(/province/);
    expect(regionMismatch(AgencyType.PEMKAB, surabaya)).toMatch(/kabupaten/);
    expect(regionMismatch(AgencyType.PEMKOT, jatim)).toMatch(/regency or city/);
  });

  it('lets national bodies and enterprises sit anywhere', () => {
    for (const type of [AgencyType.KEMENTERIAN, AgencyType.LEMBAGA, AgencyType.BUMN, AgencyType.BUMD]) {
      expect(regionMismatch(type, jatim)).toBeNull();
      expect(regionMismatch(type, surabaya)).toBeNull();
    }
  });
});
