import { OUTCOME_STATES, type OutcomeData, outcomeProblems, outcomeUpdateProblems } from './outcome-rules';
import { outcomeValueProblem, OutcomeUnit } from './outcome-unit';

const TODAY = '2026-03-01';
const fine: OutcomeData = {
  replicationId: 7,
  indicator: 'Hari untuk menerbitkan akta kelahiran',
  unit: OutcomeUnit.DAYS,
  baselineValue: 14,
  baselineDate: '2025-01-01',
};
const fields = (data: Partial<OutcomeData>) =>
  outcomeProblems({ ...fine, ...data }, TODAY).map((p) => p.field);

describe('outcome rules', () => {
  it('refuses values a unit forbids: negatives but for INDEX, PERCENT above 100, non-finite, huge', () => {
    expect(outcomeValueProblem(OutcomeUnit.DAYS, -1)).toMatch(/negative/);
    expect(outcomeValueProblem(OutcomeUnit.DAYS, 0)).toBeNull();
    expect(outcomeValueProblem(OutcomeUnit.RUPIAH, -5)).toMatch(/negative/);
    expect(outcomeValueProblem(OutcomeUnit.INDEX, -3.5)).toBeNull();
    expect(outcomeValueProblem(OutcomeUnit.PERCENT, 100)).toBeNull();
    expect(outcomeValueProblem(OutcomeUnit.PERCENT, 120)).toMatch(/exceed 100/);
    expect(outcomeValueProblem(OutcomeUnit.COUNT, Number.NaN)).toMatch(/finite/);
    expect(outcomeValueProblem(OutcomeUnit.COUNT, 1e15)).toMatch(/too large/);
  });

  it('accepts a baseline, with or without a latest figure', () => {
    expect(outcomeProblems(fine, TODAY)).toEqual([]);
    expect(
      outcomeProblems({ ...fine, latestValue: 2, latestDate: TODAY, source: 'Dispendukcapil' }, TODAY),
    ).toEqual([]);
    expect(outcomeProblems({ ...fine, replicationId: null, innovationId: 3 }, TODAY)).toEqual([]);
  });

  it('wants exactly one of replicationId and innovationId', () => {
    expect(fields({ innovationId: 3 })).toEqual(['input.replicationId']);
    expect(fields({ replicationId: null })).toEqual(['input.replicationId']);
    expect(fields({ replicationId: undefined, innovationId: undefined })).toEqual(['input.replicationId']);
  });

  it('names the value that the unit forbids', () => {
    expect(outcomeProblems({ ...fine, baselineValue: -1 }, TODAY)).toEqual([
      { field: 'input.baselineValue', message: 'cannot be negative for DAYS' },
    ]);
    expect(
      fields({ unit: OutcomeUnit.PERCENT, baselineValue: 40, latestValue: 120, latestDate: TODAY }),
    ).toEqual(['input.latestValue']);
    expect(fields({ unit: 'LITRES' as OutcomeUnit })).toEqual(['input.unit']);
  });

  it('checks the days: real, not in the future, not before 2000, latest not before the baseline', () => {
    expect(fields({ baselineDate: '2026-03-02' })).toEqual(['input.baselineDate']);
    expect(fields({ baselineDate: '1999-12-31' })).toEqual(['input.baselineDate']);
    expect(fields({ baselineDate: '2025-02-30' })).toEqual(['input.baselineDate']);
    expect(fields({ latestValue: 3, latestDate: '2024-12-31' })).toEqual(['input.latestDate']);
    expect(fields({ latestValue: 3, latestDate: '2026-03-02' })).toEqual(['input.latestDate']);
    expect(fields({ latestValue: 3, latestDate: fine.baselineDate })).toEqual([]);
  });

  it('wants the latest value and its day together', () => {
    expect(fields({ latestValue: 3 })).toEqual(['input.latestDate']);
    expect(fields({ latestDate: TODAY })).toEqual(['input.latestValue']);
  });

  it('limits the texts', () => {
    expect(fields({ indicator: 'ab' })).toEqual(['input.indicator']);
    expect(fields({ indicator: 'x'.repeat(10_000) })).toEqual(['input.indicator']);
    expect(fields({ source: 'x'.repeat(10_000) })).toEqual(['input.source']);
    expect(fields({ source: null })).toEqual([]);
  });

  it('checks a check-in update against the unit and the baseline day', () => {
    const outcome = { unit: OutcomeUnit.PERCENT, baselineDate: '2025-06-01' };
    const update = (latestValue: number, latestDate: string, source?: string | null) =>
      outcomeUpdateProblems(outcome, { latestValue, latestDate, source }, TODAY).map((p) => p.field);
    expect(update(80, TODAY)).toEqual([]);
    expect(update(80, '2025-06-01', null)).toEqual([]);
    expect(update(120, TODAY)).toEqual(['input.latestValue']);
    expect(update(-1, TODAY)).toEqual(['input.latestValue']);
    expect(update(80, '2025-05-31')).toEqual(['input.latestDate']);
    expect(update(80, '2026-03-02')).toEqual(['input.latestDate']);
    expect(update(80, TODAY, 'ab')).toEqual(['input.source']);
  });

  it('are recorded from approval on, through the check-ins, never on a closed request', () => {
    expect([...OUTCOME_STATES].sort()).toEqual(
      ['APPROVED', 'OBSERVING', 'IMITATING', 'MODIFYING', 'IMPLEMENTED', 'SUSTAINED', 'STALLED'].sort(),
    );
  });
});
