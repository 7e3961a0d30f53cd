import {
  jakartaWeekStart,
  jakartaYear,
  regencyCodeOf,
  scopesOf,
  SpreadDimension as D,
} from './spread-dimension';

describe('spread dimensions', () => {
  it('puts a regency adopter in the nation, its province, regency, category, type and hubs', () => {
    const scopes = scopesOf({
      innovationId: 1,
      adopterAgencyId: 2,
      categoryId: 7,
      provinceCode: '35',
      regencyCode: '35.10',
      agencyType: 'PEMKAB',
      hubIds: '1,4',
      year: 2024,
      status: 'APPROVED',
    });
    expect(scopes).toEqual([
      { dim: D.NATIONAL, key: '' },
      { dim: D.PROVINCE, key: '35' },
      { dim: D.CATEGORY, key: '7' },
      { dim: D.AGENCY_TYPE, key: 'PEMKAB' },
      { dim: D.REGENCY, key: '35.10' },
      { dim: D.HUB, key: '1' },
      { dim: D.HUB, key: '4' },
    ]);
    expect(regencyCodeOf('35')).toBeNull();
  });

  it('reads years and weeks in Asia/Jakarta', () => {
    expect(jakartaYear(new Date('2022-12-31T16:59:59Z'))).toBe(2022);
    expect(jakartaYear(new Date('2022-12-31T17:00:00Z'))).toBe(2023);
    // Sunday 23:30 in Jakarta is still the week of Monday the 13th
    expect(jakartaWeekStart(new Date('2025-01-19T16:30:00Z'))).toBe('2025-01-13');
    expect(jakartaWeekStart(new Date('2025-01-19T17:00:00Z'))).toBe('2025-01-20');
  });
});
