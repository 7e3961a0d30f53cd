import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  REGENCY = 'REGENCY',
}

export enum RegencyKind {
  KABUPATEN = 'KABUPATEN',
  KOTA = 'KOTA',
}

/**
 * A province (`35`) or regency/city (`35.10`) with its official Kemendagri code. Reference data
 * loaded from the `idn-area-data` package; read-only at run time.
 */
@Entity('region')
@Index(['provinceCode', 'name'])
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'enum', enum: RegionLevel })
  level: RegionLevel;

  /** Kabupaten or kota, for regencies; null for provinces. */
  @Column({ type: 'enum', enum: RegencyKind, nullable: true })
  kind: RegencyKind | null;

  /** The province a regency belongs to; a province's own code for a province. */
  @Column({ type: 'varchar', length: 13 })
  provinceCode: string;
}
