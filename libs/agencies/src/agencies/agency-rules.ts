import { RegencyKind, RegionLevel } from '@jipp/regions';
import { AgencyType } from './agency-type';

/** The kind of region each agency type must sit in; null when any region will do. */
export function requiredRegionFor(type: AgencyType): { level: RegionLevel; kind: RegencyKind | null } | null {
  switch (type) {
    case AgencyType.PEMPROV:
      return { level: RegionLevel.PROVINCE, kind: null };
    case AgencyType.PEMKAB:
      return { level: RegionLevel.REGENCY, kind: RegencyKind.KABUPATEN };
    case AgencyType.PEMKOT:
      return { level: RegionLevel.REGENCY, kind: RegencyKind.KOTA };
    default:
      return null;
  }
}

/** Why a region does not fit an agency type, or null when it does. */
export function regionMismatch(
  type: AgencyType,
  region: { level: RegionLevel; kind: RegencyKind | null; name: string },
): string | null {
  const required = requiredRegionFor(type);
  if (!required) return null;
  if (region.level !== required.level) {
    return `${type} must sit in a ${required.level === RegionLevel.PROVINCE ? 'province' : 'regency or city'}, not ${region.name}`;
  }
  if (required.kind && region.kind !== required.kind) {
    return `${type} must sit in a ${required.kind === RegencyKind.KOTA ? 'kota' : 'kabupaten'}, and ${region.name} is not one`;
  }
  return null;
}

/** Local governments are one per region. */
export function isOnePerRegion(type: AgencyType): boolean {
  return requiredRegionFor(type) !== null;
}
