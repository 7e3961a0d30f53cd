import { AgencyType, isOnePerRegion } from '@jipp/agencies';
import { PROVINCE_CODE, REGENCY_CODE } from '@jipp/regions';

/** What import and export need to know of an agency. */
export interface AgencyRef {
  id: number;
  name: string;
  shortName: string | null;
  type: AgencyType;
  regionCode: string;
  provinceCode: string;
  active: boolean;
}

export type AgencyLookup = { agency: AgencyRef } | { problem: string };

const lower = (text: string): string => text.trim().toLocaleLowerCase('id');

/**
 * How a file names an origin agency, in two columns: its type and its key. A local government
 * (PEMPROV, PEMKAB, PEMKOT: one per region) is keyed by its Kemendagri region code (`35`, `35.10`);
 * any other agency by its short name (`KemenPANRB`), or by its full name when it has no short name
 * or shares it with another agency of the same type. Pure: built from a list of agencies.
 */
export class AgencyDirectory {
  private readonly local = new Map<string, AgencyRef>();
  private readonly byShortName = new Map<string, AgencyRef[]>();
  private readonly byName = new Map<string, AgencyRef>();

  constructor(agencies: readonly AgencyRef[]) {
    for (const agency of agencies) {
      if (isOnePerRegion(agency.type)) {
        const key = `${agency.type}:${agency.regionCode}`;
        if (!this.local.has(key)) this.local.set(key, agency);
        continue;
      }
      this.byName.set(`${agency.type}:${lower(agency.name)}`, agency);
      if (agency.shortName) {
        const key = `${agency.type}:${lower(agency.shortName)}`;
        this.byShortName.set(key, [...(this.byShortName.get(key) ?? []), agency]);
      }
    }
  }

  /** The agency a file names, or why it names none. */
  find(type: AgencyType, key: string): AgencyLookup {
    const text = key.trim();
    if (isOnePerRegion(type)) {
      // a spreadsheet that stored 35.10 as a number shows 35.1: regency codes have two digits after the dot
      const code = /^\d{2}\.\d$/.test(text) ? `${text}0` : text;
      const pattern = type === AgencyType.PEMPROV ? PROVINCE_CODE : REGENCY_CODE;
      if (!pattern.test(code)) {
        return {
          problem: `must be the region code of the ${type} (${type === AgencyType.PEMPROV ? 'e.g. 35' : 'e.g. 35.10'}), not "${text}"`,
        };
      }
      const agency = this.local.get(`${type}:${code}`);
      return agency ? { agency } : { problem: `no ${type} agency in region ${code}` };
    }
    const named = this.byShortName.get(`${type}:${lower(text)}`) ?? [];
    if (named.length === 1) return { agency: named[0]! };
    const byName = this.byName.get(`${type}:${lower(text)}`);
    if (byName) return { agency: byName };
    if (named.length > 1) {
      return { problem: `${named.length} ${type} agencies have the short name "${text}"; use the full name` };
    }
    return { problem: `no ${type} agency with the short name or name "${text}"` };
  }

  /** The key that `find` resolves back to this agency. */
  keyOf(agency: AgencyRef): string {
    if (isOnePerRegion(agency.type)) return agency.regionCode;
    if (agency.shortName && this.byShortName.get(`${agency.type}:${lower(agency.shortName)}`)?.length === 1) {
      return agency.shortName;
    }
    return agency.name;
  }
}
