import {
  charLength,
  httpUrlProblem,
  isoDayProblem,
  latestIndonesianDay,
  problemsOf,
  summarise,
  textProblem,
} from './evidence-rules';

describe('evidence rules', () => {
  it('counts characters as people do and trims before measuring', () => {
    expect(charLength('akta 👶')).toBe(6);
    expect(textProblem('  abcd  ', [5, 10])).toMatch(/at least 5/);
    expect(textProblem('abcde', [5, 10])).toBeNull();
    expect(textProblem('👶'.repeat(10), [5, 10])).toBeNull();
    expect(textProblem('x'.repeat(10_000), [5, 4000])).toMatch(/at most 4000/);
    expect(textProblem(null, [3, 200])).toMatch(/at least 3/);
  });

  it('accepts real calendar days written YYYY-MM-DD only', () => {
    expect(isoDayProblem('2024-02-29')).toBeNull();
    expect(isoDayProblem('2026-02-30')).toMatch(/not a calendar day/);
    expect(isoDayProblem('2026-13-01')).toMatch(/not a calendar day/);
    expect(isoDayProblem('15-01-2026')).toMatch(/YYYY-MM-DD/);
    expect(isoDayProblem('2026-01-15T00:00:00Z')).toMatch(/YYYY-MM-DD/);
    expect(isoDayProblem(undefined)).toMatch(/YYYY-MM-DD/);
  });

  it('takes today as the latest day anywhere in Indonesia (UTC+9)', () => {
    expect(latestIndonesianDay(new Date('2026-03-01T14:59:59Z'))).toBe('2026-03-01');
    expect(latestIndonesianDay(new Date('2026-03-01T15:00:00Z'))).toBe('2026-03-02');
    expect(latestIndonesianDay(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });

  it('accepts absolute http(s) links of at most 500 characters only', () => {
    expect(httpUrlProblem('https://banyuwangikab.go.id/pks/2026.pdf')).toBeNull();
    expect(httpUrlProblem('http://jdih.jatimprov.go.id/perbup?no=12')).toBeNull();
    expect(httpUrlProblem('  https://example.go.id  ')).toBeNull();
    for (const bad of [
      'javascript:alert(1)',
      'ftp://files.go.id/pks.pdf',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'banyuwangikab.go.id/pks.pdf',
      '/relative/path',
      '',
      'https://user:secret@example.go.id/',
    ]) {
      expect([bad, httpUrlProblem(bad)]).toEqual([bad, expect.any(String)]);
    }
    expect(httpUrlProblem(`https://example.go.id/${'a'.repeat(480)}`)).toMatch(/at most 500/);
  });

  it('names the fields that are wrong, in order, in one line', () => {
    const problems = problemsOf([
      ['input.a', null],
      ['input.b', 'is wrong'],
      ['input.c', 'is also wrong'],
    ]);
    expect(problems).toEqual([
      { field: 'input.b', message: 'is wrong' },
      { field: 'input.c', message: 'is also wrong' },
    ]);
    expect(summarise(problems)).toBe('Invalid input: input.b is wrong (and 1 more).');
    expect(summarise([])).toBe('Invalid input.');
  });
});
