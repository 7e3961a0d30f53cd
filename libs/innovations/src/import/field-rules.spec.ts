import { AwardCompetition, AwardLevel } from '../awards/award-enums';
import { InnovationStage } from '../innovations/innovation-enums';
import {
  charLength,
  checkEmail,
  checkPhone,
  checkRegistrationNumber,
  checkSlug,
  checkText,
  checkUrl,
  formatAwards,
  parseAwards,
  parseCategoryKey,
  parseEnumValue,
  parseSdgGoals,
  parseYear,
  parseYesNo,
} from './field-rules';

const ok = <T>(value: T): { value: T } => ({ value });
const isProblem = (checked: object): boolean => 'problem' in checked;

describe('import field rules', () => {
  it('counts characters as people do and applies the text limits', () => {
    expect(charLength('Akta 👶')).toBe(6);
    expect(checkText('Akta', 5, 200)).toEqual({ problem: 'must be 5-200 characters long (it has 4)' });
    expect(checkText('Akta!', 5, 200)).toEqual(ok('Akta!'));
    expect(isProblem(checkText('x'.repeat(201), 5, 200))).toBe(true);
    expect(checkText('x'.repeat(200), 5, 200)).toEqual(ok('x'.repeat(200)));
  });

  it('reads registration numbers and slugs like the GraphQL inputs', () => {
    expect(checkRegistrationNumber('SINOVIK/2019-0012')).toEqual(ok('SINOVIK/2019-0012'));
    expect(isProblem(checkRegistrationNumber('-12'))).toBe(true);
    expect(isProblem(checkRegistrationNumber('a b'))).toBe(true);
    expect(isProblem(checkRegistrationNumber('x'.repeat(61)))).toBe(true);
    expect(checkSlug('akta-lahir-keliling')).toEqual(ok('akta-lahir-keliling'));
    expect(isProblem(checkSlug('Akta Lahir'))).toBe(true);
    expect(isProblem(checkSlug('a'.repeat(151)))).toBe(true);
  });

  it('reads a category as YEAR:CODE', () => {
    expect(parseCategoryKey('2018:KESEHATAN')).toEqual(ok({ year: 2018, code: 'KESEHATAN' }));
    expect(parseCategoryKey('2018 : kesehatan')).toEqual(ok({ year: 2018, code: 'KESEHATAN' }));
    expect(isProblem(parseCategoryKey('KESEHATAN'))).toBe(true);
    expect(isProblem(parseCategoryKey('18:KESEHATAN'))).toBe(true);
  });

  it('reads ya/tidak/true/false in any case, and nothing else', () => {
    expect(parseYesNo('Ya')).toEqual(ok(true));
    expect(parseYesNo('TRUE')).toEqual(ok(true));
    expect(parseYesNo('tidak')).toEqual(ok(false));
    expect(parseYesNo('false')).toEqual(ok(false));
    expect(isProblem(parseYesNo('yes'))).toBe(true);
    expect(isProblem(parseYesNo('1'))).toBe(true);
  });

  it('reads enum values in any case', () => {
    expect(parseEnumValue('trial', InnovationStage)).toEqual(ok(InnovationStage.TRIAL));
    expect(parseEnumValue('uji coba', InnovationStage)).toEqual({
      problem: 'must be one of INITIATIVE, TRIAL, IMPLEMENTED',
    });
  });

  it('reads SDG goals 1-17, each once, sorted', () => {
    expect(parseSdgGoals('10;3')).toEqual(ok([3, 10]));
    expect(parseSdgGoals('3, 10 16')).toEqual(ok([3, 10, 16]));
    expect(parseSdgGoals('')).toEqual(ok([]));
    expect(parseSdgGoals('18')).toEqual({ problem: '"18" is not an SDG goal (1-17)' });
    expect(parseSdgGoals('0')).toEqual({ problem: '"0" is not an SDG goal (1-17)' });
    expect(parseSdgGoals('3;x')).toEqual({ problem: '"x" is not an SDG goal (1-17)' });
    expect(parseSdgGoals('3;3')).toEqual({ problem: 'goal 3 is listed twice' });
  });

  it('reads years within bounds', () => {
    expect(parseYear('1945', 1945, 2026)).toEqual(ok(1945));
    expect(parseYear('2026', 1945, 2026)).toEqual(ok(2026));
    expect(isProblem(parseYear('1944', 1945, 2026))).toBe(true);
    expect(isProblem(parseYear('2027', 1945, 2026))).toBe(true);
    expect(isProblem(parseYear('2019.5', 1945, 2026))).toBe(true);
  });

  it('checks e-mail addresses, phone numbers and links', () => {
    expect(checkEmail('inovasi@banyuwangikab.go.id')).toEqual(ok('inovasi@banyuwangikab.go.id'));
    expect(isProblem(checkEmail('inovasi@'))).toBe(true);
    expect(checkPhone('+62 (333) 123-456')).toEqual(ok('+62 (333) 123-456'));
    expect(isProblem(checkPhone('12345'))).toBe(true);
    expect(isProblem(checkPhone('telp 0333'))).toBe(true);
    expect(checkUrl('https://banyuwangikab.go.id/inovasi')).toEqual(
      ok('https://banyuwangikab.go.id/inovasi'),
    );
    expect(isProblem(checkUrl('banyuwangikab.go.id'))).toBe(true);
    expect(isProblem(checkUrl('ftp://banyuwangikab.go.id'))).toBe(true);
    expect(isProblem(checkUrl(`https://x.go.id/${'a'.repeat(500)}`))).toBe(true);
  });

  it('reads awards and writes them back the same way', () => {
    const text = 'KIPP:2019:TOP_45;iga:2020:winner;OTHER:2021:WINNER:Anugerah: Pelayanan Prima';
    const parsed = parseAwards(text, 2026);
    expect(parsed).toEqual(
      ok([
        { competition: AwardCompetition.KIPP, year: 2019, level: AwardLevel.TOP_45, title: null },
        { competition: AwardCompetition.IGA, year: 2020, level: AwardLevel.WINNER, title: null },
        {
          competition: AwardCompetition.OTHER,
          year: 2021,
          level: AwardLevel.WINNER,
          title: 'Anugerah: Pelayanan Prima',
        },
      ]),
    );
    const written = formatAwards((parsed as { value: Parameters<typeof formatAwards>[0] }).value);
    expect(written).toBe('KIPP:2019:TOP_45;IGA:2020:WINNER;OTHER:2021:WINNER:Anugerah: Pelayanan Prima');
    expect(parseAwards(written, 2026)).toEqual(parsed);
    expect(parseAwards('', 2026)).toEqual(ok([]));
  });

  it('refuses malformed awards with the reason', () => {
    expect(parseAwards('KIPP:2019', 2026)).toEqual({
      problem: '"KIPP:2019": the level must be one of ' + Object.values(AwardLevel).join(', '),
    });
    expect(isProblem(parseAwards('NOBEL:2019:WINNER', 2026))).toBe(true);
    expect(isProblem(parseAwards('KIPP:1999:WINNER', 2026))).toBe(true);
    expect(isProblem(parseAwards('KIPP:2027:WINNER', 2026))).toBe(true);
    expect(isProblem(parseAwards('OTHER:2019:WINNER', 2026))).toBe(true);
    expect(isProblem(parseAwards('KIPP:2019:WINNER:Nama', 2026))).toBe(true);
    expect(parseAwards('KIPP:2019:TOP_45;KIPP:2019:TOP_45', 2026)).toEqual({
      problem: '"KIPP:2019:TOP_45" is listed twice',
    });
  });
});
