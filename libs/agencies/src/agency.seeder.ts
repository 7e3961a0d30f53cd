import { Injectable } from '@nestjs/common';
import { insertIgnore } from '@jipp/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { RegencyKind, RegionLevel, RegionsService } from '@jipp/regions';
import type { DataSource } from 'typeorm';
import { AgencyType } from './agencies/agency-type';
import { Agency } from './agencies/agency.entity';
import { Network } from './networks/network.entity';

/** National bodies the network needs from day one (seated in DKI Jakarta, code 31). */
export const NATIONAL_AGENCIES: Array<{ name: string; shortName: string; type: AgencyType }> = [
  {
    name: 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi',
    shortName: 'KemenPANRB',
    type: AgencyType.KEMENTERIAN,
  },
  { name: 'Kementerian Dalam Negeri', shortName: 'Kemendagri', type: AgencyType.KEMENTERIAN },
  { name: 'Lembaga Administrasi Negara', shortName: 'LAN', type: AgencyType.LEMBAGA },
];

/** The first JIPP hubs, each with its province's governments as members. */
export const SEED_HUBS: Array<{ name: string; slug: string; provinceCode: string }> = [
  { name: 'JIPP Jawa Timur', slug: 'jipp-jawa-timur', provinceCode: '35' },
  { name: 'JIPP Sulawesi Selatan', slug: 'jipp-sulawesi-selatan', provinceCode: '73' },
  { name: 'JIPP Sumatera Selatan', slug: 'jipp-sumatera-selatan', provinceCode: '16' },
];

function shortNameOf(regionName: string, level: RegionLevel, kind: RegencyKind | null): string {
  if (level === RegionLevel.PROVINCE) return `Pemprov ${regionName}`.slice(0, 60);
  const bare = regionName.replace(/^(Kabupaten|Kota)\s+/i, '');
  return `${kind === RegencyKind.KOTA ? 'Pemkot' : 'Pemkab'} ${bare}`.slice(0, 60);
}

/**
 * Seeds one government agency per province and regency/city (552), the national bodies and the
 * first hubs. Idempotent: rows that exist are left alone.
 */
@Injectable()
export class AgencySeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async seed(): Promise<{ agencies: number; hubs: number }> {
    const provinces = await this.regions.provinces();
    const rows: Array<Partial<Agency>> = [];
    for (const province of provinces) {
      rows.push({
        name: `Pemerintah Provinsi ${province.name}`,
        shortName: shortNameOf(province.name, RegionLevel.PROVINCE, null),
        type: AgencyType.PEMPROV,
        regionCode: province.code,
        provinceCode: province.code,
      });
      for (const regency of await this.regions.regencies(province.code)) {
        rows.push({
          name: `Pemerintah ${regency.name}`,
          shortName: shortNameOf(regency.name, RegionLevel.REGENCY, regency.kind),
          type: regency.kind === RegencyKind.KOTA ? AgencyType.PEMKOT : AgencyType.PEMKAB,
          regionCode: regency.code,
          provinceCode: province.code,
        });
      }
    }
    for (const body of NATIONAL_AGENCIES) rows.push({ ...body, regionCode: '31', provinceCode: '31' });

    return this.dataSource.transaction(async (manager) => {
      await insertIgnore(
        manager,
        Agency,
        rows.map((r) => ({ ...r, active: true })),
      );
      await insertIgnore(manager, Network, SEED_HUBS);
      for (const hub of SEED_HUBS) {
        const network = await manager.getRepository(Network).findOneByOrFail({ slug: hub.slug });
        await manager.query(
          `INSERT IGNORE INTO network_member (network_id, agency_id)
           SELECT ?, id FROM agency WHERE province_code = ? AND type IN ('PEMPROV', 'PEMKAB', 'PEMKOT')`,
          [network.id, hub.provinceCode],
        );
      }
      return { agencies: rows.length, hubs: SEED_HUBS.length };
    });
  }
}
